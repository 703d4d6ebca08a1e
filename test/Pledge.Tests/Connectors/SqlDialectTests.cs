using System.Text;
using Pledge.Connectors;

namespace Pledge.Tests.Connectors;

public sealed class SqlDialectTests
{
    [Theory]
    [InlineData("accounts", "\"accounts\"")]
    [InlineData("app.accounts", "\"app\".\"accounts\"")]
    [InlineData("_Mixed_Case9", "\"_Mixed_Case9\"")]
    public void QuoteTable_PlainNames_QuotesEachPart(string name, string quoted) => Assert.Equal(quoted, SqlDialect.QuoteTable(name));

    [Theory]
    [InlineData("accounts\"; DROP TABLE accounts; --")]
    [InlineData("a b")]
    [InlineData("9lives")]
    [InlineData("")]
    [InlineData("naïve")]
    [InlineData("a.b.c")]
    public void QuoteTable_NotAPlainIdentifier_Throws(string name) => Assert.Throws<ArgumentException>(() => SqlDialect.QuoteTable(name));

    [Fact]
    public void AppendKeyMatch_Postgres_BindsOneTypedArray()
    {
        var sql = new StringBuilder();
        var parameters = new List<object> { "earlier" };

        SqlDialect.Postgres.AppendKeyMatch(sql, parameters, "account_id", [1L, 2L, 3L]);

        Assert.Equal("\"account_id\" = ANY($2)", sql.ToString());
        Assert.Equal(new long[] { 1, 2, 3 }, parameters[1]);
    }

    [Fact]
    public void AppendKeyMatch_Sqlite_BindsOneParameterPerKey()
    {
        var sql = new StringBuilder();
        var parameters = new List<object>();

        SqlDialect.Sqlite.AppendKeyMatch(sql, parameters, "email", ["a@example.com", "'; DROP TABLE accounts; --"]);

        Assert.Equal("\"email\" IN ($p0, $p1)", sql.ToString());
        Assert.Equal(["a@example.com", "'; DROP TABLE accounts; --"], parameters);
    }
}
