using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pledge.Connectors;
using Pledge.Demo;
using Pledge.Policy.Loading;
using Pledge.Policy.Model;
using Pledge.Tests.Support;

namespace Pledge.Tests.Connectors;

/// <summary>A seeded demo database on one store, the example policy pointed at it, and helpers to read and change it.</summary>
public sealed class DemoDatabase
{
    public static readonly DateTimeOffset Today = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly DemoSeedResult? _seed;
    private readonly Func<string, string?> _environment;

    private DemoDatabase(Pledge.Policy.Model.Policy policy, DemoSeedResult? seed, string? folder, Func<string, string?> environment)
    {
        Policy = policy;
        _seed = seed;
        _environment = environment;
        Folder = folder;
        Connectors = [.. policy.Systems.Select(s => ConnectorFactory.Open(s, Environment).Connector!)];
    }

    public Pledge.Policy.Model.Policy Policy { get; }

    public DemoSeedResult Seed => _seed ?? throw new InvalidOperationException("attached to databases seeded elsewhere: no seed result");

    /// <summary>The SQLite folder, or null on PostgreSQL.</summary>
    public string? Folder { get; }

    public IReadOnlyList<Connector> Connectors { get; }

    public string? Environment(string variable) => _environment(variable);

    /// <summary>The demo databases <paramref name="environment"/> points at (as <c>pledge demo seed</c> printed it), on <paramref name="kind"/>.</summary>
    public static DemoDatabase Attach(ConnectorKind kind, IReadOnlyDictionary<string, string> environment) =>
        new(ExamplePolicy(kind), null, null, v => environment.GetValueOrDefault(v));

    public Connector Connector(string system) => Connectors.Single(c => c.System.Id == system);

    public static FakeTimeProvider Time() => new(Today);

    public static async Task<DemoDatabase> SqliteAsync(long rows, int seed)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pledge-demo-" + Guid.NewGuid().ToString("N")[..12]);
        var result = await new DemoSeeder(Time()).SeedSqliteAsync(folder, new DemoOptions(rows, seed));
        Assert.True(result.Succeeded, result.Error);
        return new DemoDatabase(ExamplePolicy(ConnectorKind.Sqlite), result, folder, Lookup(result));
    }

    public static async Task<DemoDatabase> PostgresAsync(PostgresServer server, long rows, int seed)
    {
        var connectionString = await server.CreateDatabaseAsync("demo");
        var result = await new DemoSeeder(Time()).SeedPostgresAsync(connectionString, new DemoOptions(rows, seed));
        Assert.True(result.Succeeded, result.Error);
        return new DemoDatabase(ExamplePolicy(ConnectorKind.Postgres), result, null, Lookup(result));
    }

    private static Func<string, string?> Lookup(DemoSeedResult seed) => v => seed.Environment.FirstOrDefault(e => e.Key == v).Value;

    /// <summary>The example policy with every system on <paramref name="kind"/>. Only <c>Systems</c> is read by the connectors.</summary>
    public static Pledge.Policy.Model.Policy ExamplePolicy(ConnectorKind kind)
    {
        var policy = PolicyLoader.Load(Repo.ExamplePolicy).Policy!;
        return policy with { Systems = [.. policy.Systems.Select(s => s with { Connector = kind })] };
    }

    /// <summary>Every row of every table of <paramref name="system"/>, as column → value.</summary>
    public async Task<Dictionary<string, List<Dictionary<string, object?>>>> DumpAsync(string system)
    {
        var connector = Connector(system);
        await using var connection = await connector.OpenConnectionAsync();
        var dump = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var table in connector.System.Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {SqlDialect.QuoteTable(table.Name)} ORDER BY \"id\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = dump[table.Name] = [];
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }

        return dump;
    }

    /// <summary>Runs <paramref name="sql"/> with <c>{0}</c>, <c>{1}</c>... bound as parameters of the store's dialect.</summary>
    public async Task<int> ExecuteAsync(string system, string sql, params object?[] values)
    {
        var connector = Connector(system);
        await using var connection = await connector.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        var bound = new List<object>();
        var placeholders = values.Select(v => (object)connector.Dialect.Parameter(bound, v ?? DBNull.Value)).ToArray();
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, placeholders);
        for (var i = 0; i < bound.Count; i++)
        {
            DbParameter parameter = command.CreateParameter();
            if (!connector.Dialect.UsesArrays)
            {
                parameter.ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            }

            parameter.Value = bound[i];
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
