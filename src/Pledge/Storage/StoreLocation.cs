using Npgsql;

namespace Pledge.Storage;

/// <summary>
/// Where Pledge's own store lives: <c>sqlite:PATH</c> (or a plain path), <c>postgres:Host=...;Database=...</c> or a
/// <c>postgres://user:password@host:port/database</c> URI. Parsing never echoes a password: <see cref="ToString"/>
/// and every error message leave it out.
/// </summary>
public sealed class StoreLocation
{
    /// <summary>The environment variable read when no location is given on the command line.</summary>
    public const string EnvironmentVariable = "PLEDGE_STORE";

    /// <summary>The environment variable naming the folder of the default SQLite file.</summary>
    public const string HomeVariable = "PLEDGE_HOME";

    /// <summary>The file name of the default SQLite store.</summary>
    public const string DefaultFileName = "pledge.db";

    private StoreLocation(StoreKind kind, string target, string display)
    {
        Kind = kind;
        Target = target;
        Display = display;
    }

    /// <summary>SQLite or PostgreSQL.</summary>
    public StoreKind Kind { get; }

    /// <summary>The SQLite file path, or the full Npgsql connection string (which may hold a password).</summary>
    public string Target { get; }

    /// <summary>The location as it may be shown: the path, or the connection string without its password.</summary>
    public string Display { get; }

    /// <summary>A SQLite store in <paramref name="path"/>.</summary>
    public static StoreLocation Sqlite(string path) => new(StoreKind.Sqlite, path, "sqlite:" + path);

    /// <summary>
    /// Parses a location. Accepted: <c>sqlite:PATH</c>, a plain file path, <c>postgres:KEY=VALUE;...</c> and
    /// <c>postgres://</c> or <c>postgresql://</c> URIs. Returns an error for anything else; the error never contains
    /// the text after a password key.
    /// </summary>
    public static StoreLocationResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return StoreLocationResult.Fail("the store location is empty; use sqlite:PATH or postgres:Host=...;Database=...");
        }

        text = text.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return PostgresConnectionText.FromUri(text);
        }

        if (text.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase))
        {
            return PostgresConnectionText.FromKeywords(text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }

        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..].Trim();
            return path.Length == 0
                ? StoreLocationResult.Fail("sqlite: needs a file path, e.g. sqlite:./pledge.db")
                : StoreLocationResult.Ok(Sqlite(path));
        }

        if (text.Contains('=', StringComparison.Ordinal) && text.Contains(';', StringComparison.Ordinal))
        {
            return StoreLocationResult.Fail("the store location looks like a connection string; prefix it with postgres: (e.g. postgres:Host=db;Database=pledge)");
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return StoreLocationResult.Fail("unknown store scheme; use sqlite:PATH or postgres://user@host/database");
        }

        return StoreLocationResult.Ok(Sqlite(text));
    }

    /// <summary>
    /// The location to use: <paramref name="option"/> when given, else <paramref name="environment"/> (the value of
    /// <see cref="EnvironmentVariable"/>), else a SQLite file <see cref="DefaultFileName"/> in <paramref name="home"/>
    /// (the value of <see cref="HomeVariable"/>) or the current folder.
    /// </summary>
    public static StoreLocationResult Resolve(string? option, string? environment, string? home)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Parse(option);
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            var result = Parse(environment);
            return result.Location is null ? StoreLocationResult.Fail($"${EnvironmentVariable}: {result.Error}") : result;
        }

        return StoreLocationResult.Ok(Sqlite(string.IsNullOrWhiteSpace(home) ? DefaultFileName : Path.Combine(home, DefaultFileName)));
    }

    internal static StoreLocation Postgres(NpgsqlConnectionStringBuilder builder)
    {
        var shown = new NpgsqlConnectionStringBuilder { Host = builder.Host, Port = builder.Port, Database = builder.Database, Username = builder.Username };
        return new StoreLocation(StoreKind.Postgres, builder.ConnectionString, "postgres:" + shown.ConnectionString);
    }

    /// <inheritdoc/>
    public override string ToString() => Display;
}

/// <summary>A parsed <see cref="StoreLocation"/>, or why the text is not one.</summary>
public readonly record struct StoreLocationResult(StoreLocation? Location, string? Error)
{
    internal static StoreLocationResult Ok(StoreLocation location) => new(location, null);

    internal static StoreLocationResult Fail(string error) => new(null, error);
}
