using Npgsql;

namespace Pledge.Storage;

/// <summary>Turns the text of a PostgreSQL location into an Npgsql connection string, with errors that hold no secret.</summary>
internal static class PostgresConnectionText
{
    public static StoreLocationResult FromKeywords(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return StoreLocationResult.Fail("postgres: needs a connection string, e.g. postgres:Host=db;Database=pledge;Username=pledge");
        }

        // Check each keyword ourselves: Npgsql's own messages may quote the text, and a value may be a password.
        var probe = new NpgsqlConnectionStringBuilder();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return StoreLocationResult.Fail("postgres connection string: every setting must be KEY=VALUE separated by ';'");
            }

            var key = part[..eq].Trim();
            if (!probe.TryGetValue(key, out _))
            {
                return StoreLocationResult.Fail($"postgres connection string: unknown setting '{Clip(key)}'");
            }
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return StoreLocationResult.Fail("postgres connection string: a setting has an invalid value (the text is not shown, it may hold a password)");
        }

        return Validate(builder);
    }

    public static StoreLocationResult FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return StoreLocationResult.Fail("postgres URI is malformed; expected postgres://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            var mapped = key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key;
            try
            {
                builder[mapped] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                return StoreLocationResult.Fail($"postgres URI: unknown or invalid parameter '{Clip(key)}'");
            }
        }

        return Validate(builder);
    }

    private static StoreLocationResult Validate(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return StoreLocationResult.Fail("postgres connection string: Host is missing");
        }

        return StoreLocationResult.Ok(StoreLocation.Postgres(builder));
    }

    private static string Clip(string key) => key.Length > 40 ? key[..40] + "…" : key;
}
