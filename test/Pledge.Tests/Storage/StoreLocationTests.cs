using Pledge.Storage;

namespace Pledge.Tests.Storage;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("sqlite:./data/pledge.db", "./data/pledge.db")]
    [InlineData("SQLITE: my.db ", "my.db")]
    [InlineData("pledge.db", "pledge.db")]
    public void Parse_SqliteForms_GivesTheFile(string text, string path)
    {
        var result = StoreLocation.Parse(text);

        Assert.Equal(StoreKind.Sqlite, result.Location!.Kind);
        Assert.Equal(path, result.Location.Target);
    }

    [Fact]
    public void Parse_PostgresKeywords_KeepsThePasswordOutOfTheDisplay()
    {
        var result = StoreLocation.Parse("postgres:Host=db.internal;Port=5433;Database=pledge;Username=app;Password=s3cret-value");

        Assert.Equal(StoreKind.Postgres, result.Location!.Kind);
        Assert.Contains("s3cret-value", result.Location.Target);
        Assert.DoesNotContain("s3cret", result.Location.Display);
        Assert.DoesNotContain("s3cret", result.Location.ToString());
        Assert.Contains("db.internal", result.Location.Display);
    }

    [Fact]
    public void Parse_PostgresUri_MapsUserPasswordHostPortDatabaseAndSslMode()
    {
        var result = StoreLocation.Parse("postgresql://app:p%40ss@db.internal:6543/pledge?sslmode=require");

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(result.Location!.Target);
        Assert.Equal(("db.internal", 6543, "pledge", "app", "p@ss"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.DoesNotContain("p@ss", result.Location.Display);
    }

    [Theory]
    [InlineData("postgres:Host=db;Pasword=hunter2-secret", "unknown setting 'Pasword'")]
    [InlineData("postgres:Host=db;Port=notaport;Password=hunter2-secret", "invalid value")]
    [InlineData("postgres:Database=pledge;Password=hunter2-secret", "Host is missing")]
    [InlineData("postgres:hunter2-secret", "KEY=VALUE")]
    [InlineData("Host=db;Password=hunter2-secret", "prefix it with postgres:")]
    [InlineData("mysql://root:hunter2-secret@db/x", "unknown store scheme")]
    [InlineData("postgres://:hunter2-secret@/x", "malformed")]
    [InlineData("", "empty")]
    public void Parse_BadText_ExplainsWithoutEchoingTheSecret(string text, string expected)
    {
        var result = StoreLocation.Parse(text);

        Assert.Null(result.Location);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("hunter2", result.Error);
    }

    [Fact]
    public void Resolve_OptionBeatsEnvironmentBeatsHome()
    {
        Assert.Equal("a.db", StoreLocation.Resolve("sqlite:a.db", "sqlite:b.db", "/home").Location!.Target);
        Assert.Equal("b.db", StoreLocation.Resolve(null, "sqlite:b.db", "/home").Location!.Target);
        Assert.Equal(Path.Combine("/srv/pledge", "pledge.db"), StoreLocation.Resolve(null, null, "/srv/pledge").Location!.Target);
        Assert.Equal("pledge.db", StoreLocation.Resolve(null, "", null).Location!.Target);
    }

    [Fact]
    public void Resolve_BadEnvironment_NamesTheVariable()
    {
        var result = StoreLocation.Resolve(null, "postgres:Host=db;Nope=1", null);

        Assert.StartsWith("$PLEDGE_STORE: ", result.Error);
    }
}
