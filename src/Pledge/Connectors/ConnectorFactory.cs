using Microsoft.Data.Sqlite;
using Npgsql;
using Pledge.Policy.Model;

namespace Pledge.Connectors;

/// <summary>
/// Opens the connector of a system from the environment variable the data map names. Nothing is created or
/// changed: a missing SQLite file is an error, not a new empty database. Error messages name the variable and
/// what is wrong with its value but never show the value, which may hold a password.
/// </summary>
public static class ConnectorFactory
{
    /// <summary>Opens the connector of <paramref name="system"/>, reading its connection string from the process environment.</summary>
    public static ConnectorOpenResult Open(DataSystem system) => Open(system, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Opens the connector of <paramref name="system"/>, reading its connection string through
    /// <paramref name="environment"/> (variable name to value, or null when unset). Does not connect yet:
    /// the first query does, and a database that cannot be reached then throws a <see cref="System.Data.Common.DbException"/>.
    /// </summary>
    public static ConnectorOpenResult Open(DataSystem system, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment(system.ConnectionEnv);
        if (string.IsNullOrWhiteSpace(value))
        {
            return Fail(system, ConnectorErrorKind.VariableUnset,
                $"environment variable {system.ConnectionEnv} is not set: export it with the {Describe(system.Connector)} connection string of system '{system.Id}'");
        }

        return system.Connector switch
        {
            ConnectorKind.Sqlite => OpenSqlite(system, value),
            ConnectorKind.Postgres => OpenPostgres(system, value),
            _ => throw new ArgumentOutOfRangeException(nameof(system), system.Connector, "unknown connector"),
        };
    }

    private static ConnectorOpenResult OpenSqlite(DataSystem system, string value)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return Malformed(system, value);
        }

        var file = builder.DataSource;
        if (string.IsNullOrWhiteSpace(file) || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return Fail(system, ConnectorErrorKind.MalformedConnectionString,
                $"environment variable {system.ConnectionEnv} names no database file: set 'Data Source=path/to/{system.Id}.db'");
        }

        if (!File.Exists(file))
        {
            // The file name is no secret, and saying which file is missing is the useful part of the message.
            return Fail(system, ConnectorErrorKind.DatabaseMissing,
                $"SQLite database '{file}' of system '{system.Id}' (from {system.ConnectionEnv}) does not exist");
        }

        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite; // never create a database by connecting to it
        }

        return new ConnectorOpenResult(new SqliteConnector(system, builder.ConnectionString), null);
    }

    private static ConnectorOpenResult OpenPostgres(DataSystem system, string value)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or InvalidCastException or OverflowException)
        {
            return Malformed(system, value);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return Fail(system, ConnectorErrorKind.MalformedConnectionString,
                $"environment variable {system.ConnectionEnv} names no server: a PostgreSQL connection string needs 'Host=...'");
        }

        try
        {
            return new ConnectorOpenResult(new PostgresConnector(system, NpgsqlDataSource.Create(builder)), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return Malformed(system, value);
        }
    }

    private static ConnectorOpenResult Malformed(DataSystem system, string value) =>
        Fail(system, ConnectorErrorKind.MalformedConnectionString,
            $"environment variable {system.ConnectionEnv} does not hold a valid {Describe(system.Connector)} connection string " +
            $"(keys given: {KeysOf(value)}); its value is not shown, as it may hold a password");

    /// <summary>The keys of a <c>key=value;...</c> string, never the values.</summary>
    private static string KeysOf(string value)
    {
        var keys = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? part[..eq].Trim() : "?")
            .Where(k => k.Length <= 40 && k.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '_'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return keys.Count == 0 ? "none" : string.Join(", ", keys);
    }

    private static string Describe(ConnectorKind kind) => kind == ConnectorKind.Postgres ? "PostgreSQL" : "SQLite";

    private static ConnectorOpenResult Fail(DataSystem system, ConnectorErrorKind kind, string message) =>
        new(null, new ConnectorError(system.Id, kind, message));
}

/// <summary>The connector of a system, or why it could not be opened.</summary>
public sealed record ConnectorOpenResult(Connector? Connector, ConnectorError? Error)
{
    /// <summary>Whether the connector was opened.</summary>
    public bool IsOpen => Connector is not null;
}

/// <summary>Why a system's connector could not be opened. <see cref="Message"/> never contains the connection string.</summary>
public sealed record ConnectorError(string SystemId, ConnectorErrorKind Kind, string Message);

/// <summary>What kept a connector from opening.</summary>
public enum ConnectorErrorKind
{
    /// <summary>The environment variable the data map names is unset or empty.</summary>
    VariableUnset,
    /// <summary>The variable's value is not a connection string of the system's kind.</summary>
    MalformedConnectionString,
    /// <summary>The SQLite file does not exist.</summary>
    DatabaseMissing,
}
