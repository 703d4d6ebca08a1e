using System.Collections.Immutable;
using Npgsql;

namespace Pledge.Demo;

/// <summary>
/// Seeds the example vendor's databases (examples/remote-access-vendor/data-map.yaml: systems <c>app</c>,
/// <c>marketing</c>, <c>hr</c>, 19 tables) with realistic, consistent data: three SQLite files, or three schemas of
/// a PostgreSQL database. Deterministic: the same seed on the same UTC day gives the same rows, since instants
/// are spread over the eight years before today's midnight (UTC) as <see cref="TimeProvider"/> tells it.
/// </summary>
public sealed class DemoSeeder(TimeProvider timeProvider)
{
    /// <summary>The SQLite file <see cref="SeedSqliteAsync"/> writes system <paramref name="system"/> to, in <paramref name="folder"/>.</summary>
    public static string SqliteFileOf(string folder, string system) => SqliteDemoWriter.FileOf(folder, system);

    /// <summary>
    /// Writes <c>app.db</c>, <c>marketing.db</c> and <c>hr.db</c> into <paramref name="folder"/>. Existing files are
    /// replaced only with <see cref="DemoOptions.Replace"/>; each file appears only once complete.
    /// </summary>
    public async Task<DemoSeedResult> SeedSqliteAsync(string folder, DemoOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(options);
        var files = DemoSchema.Systems.Select(s => SqliteDemoWriter.FileOf(folder, s.Id)).ToList();
        var existing = files.Where(File.Exists).ToList();
        if (existing.Count > 0 && !options.Replace)
        {
            return DemoSeedResult.Refused($"{string.Join(", ", existing)} already exist{(existing.Count == 1 ? "s" : "")}; pass --replace to overwrite");
        }

        var environment = DemoSchema.Systems.Select(s => new KeyValuePair<string, string>(s.Variable, "Data Source=" + SqliteDemoWriter.FileOf(folder, s.Id)));
        var writer = await SqliteDemoWriter.CreateAsync(folder, cancellationToken).ConfigureAwait(false);
        await using var _ = writer.ConfigureAwait(false);
        return await RunAsync(writer, options, environment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates schemas <c>app</c>, <c>marketing</c> and <c>hr</c> in the database <paramref name="connectionString"/>
    /// names, loaded with binary COPY. Existing schemas of those names are replaced only with
    /// <see cref="DemoOptions.Replace"/>, in one transaction at the end of the load.
    /// </summary>
    public async Task<DemoSeedResult> SeedPostgresAsync(string connectionString, DemoOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var dataSource = NpgsqlDataSource.Create(builder);
        await using var _ = dataSource.ConfigureAwait(false);
        var existing = await PostgresDemoWriter.ExistingSchemasAsync(dataSource, cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0 && !options.Replace)
        {
            return DemoSeedResult.Refused($"schema{(existing.Count == 1 ? "" : "s")} {string.Join(", ", existing)} already exist{(existing.Count == 1 ? "s" : "")} in database '{builder.Database}'; pass --replace to overwrite");
        }

        var environment = DemoSchema.Systems.Select(s =>
            new KeyValuePair<string, string>(s.Variable, new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = s.Id }.ConnectionString));
        var writer = await PostgresDemoWriter.CreateAsync(dataSource, options.Replace, cancellationToken).ConfigureAwait(false);
        await using var __ = writer.ConfigureAwait(false);
        return await RunAsync(writer, options, environment, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DemoSeedResult> RunAsync(DemoWriter writer, DemoOptions options, IEnumerable<KeyValuePair<string, string>> environment, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var today = timeProvider.GetUtcNow().UtcDateTime.Date;
        var generator = new DemoGenerator(options.Seed, DateTime.SpecifyKind(today, DateTimeKind.Utc), writer);
        generator.Run(options.Rows, cancellationToken);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new DemoSeedResult(
            null,
            [.. DemoSchema.Tables.Select(t => new DemoTableCount(t.System, t.Name, generator.Counts[t]))],
            [.. generator.Twins],
            [.. environment],
            timeProvider.GetElapsedTime(started));
    }
}

/// <summary>How much demo data to generate, and from which seed.</summary>
/// <param name="Rows">At least this many rows in all (customers are added until it is reached; at least three).</param>
/// <param name="Seed">The seed of the generator.</param>
/// <param name="Replace">Replace existing demo files or schemas.</param>
public sealed record DemoOptions(long Rows = 10_000, int Seed = 1, bool Replace = false);

/// <summary>What a seed wrote, or why it refused to.</summary>
/// <param name="Error">Why nothing was written (existing data without <see cref="DemoOptions.Replace"/>), or null.</param>
/// <param name="Environment">The environment variables the example's data map reads, with the connection strings of the seeded databases.</param>
public sealed record DemoSeedResult(
    string? Error,
    ImmutableArray<DemoTableCount> Tables,
    ImmutableArray<DemoTwins> Twins,
    ImmutableArray<KeyValuePair<string, string>> Environment,
    TimeSpan Elapsed)
{
    /// <summary>Whether the databases were written.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Rows written in all.</summary>
    public long Rows => Tables.Sum(t => t.Rows);

    internal static DemoSeedResult Refused(string error) => new(error, [], [], [], TimeSpan.Zero);
}

/// <summary>Rows written into one table.</summary>
public sealed record DemoTableCount(string System, string Table, long Rows);
