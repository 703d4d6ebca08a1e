using Pledge.Records;
using Pledge.Tests.TestData;

namespace Pledge.Tests.Records;

public sealed class RecordCsvWriterTests
{
    private static readonly Pledge.Policy.Model.Policy Policy = PolicyFiles.Load(PolicyFiles.Minimal);
    private static readonly string Text = RecordCsvWriter.ToCsv(RecordOfProcessing.From(Policy));

    private static List<string> Row(string activityId) => Csv.Parse(Text).Single(r => r[0] == activityId);

    private static string Cell(string activityId, string column) => Row(activityId)[RecordCsvWriter.Columns.IndexOf(column)];

    [Fact]
    public void Write_Policy_ParsesBackAsHeaderAndOneFullRowPerActivity()
    {
        var rows = Csv.Parse(Text);
        Assert.Equal(RecordCsvWriter.Columns, rows[0]);
        Assert.Equal(Policy.Activities.Select(a => a.Id), rows.Skip(1).Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(RecordCsvWriter.Columns.Length, r.Count));
    }

    [Fact]
    public void Write_QuotesCommasAndNewLinesInPolicyText_RoundTrip()
    {
        var accounts = Policy.Activity("accounts")!;
        Assert.Contains('\n', accounts.Description!.Default);
        Assert.Equal(accounts.Name.Default, Cell("accounts", "Activity"));
        Assert.Equal(accounts.Description.Default, Cell("accounts", "Description"));
        Assert.Equal("Dana \"DPO\" Schmidt, dpo@example.test", Cell("accounts", "Data protection officer"));
    }

    [Fact]
    public void Write_FormulaInPolicyText_PrefixedWithApostrophe()
    {
        Assert.Equal("'" + Policy.Activity("recruitment")!.Name.Default, Cell("recruitment", "Activity"));
    }

    public static TheoryData<string> Policies => new() { PolicyFiles.Minimal, Support.Repo.ExamplePolicy };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Write_EveryActivity_HasEveryArticle30ItemFilled(string path)
    {
        var policy = PolicyFiles.Load(path);
        var rows = Csv.Parse(RecordCsvWriter.ToCsv(RecordOfProcessing.From(policy)));
        string Cell(string activityId, string column) => rows.Single(r => r[0] == activityId)[RecordCsvWriter.Columns.IndexOf(column)];
        string[] required =
        [
            "Controller (Art. 30(1)(a))", "Controller contact", "Joint controllers", "Representatives", "Data protection officer",
            "Purposes (Art. 30(1)(b))", "Data subjects (Art. 30(1)(c))", "Personal data (Art. 30(1)(c))", "Recipients (Art. 30(1)(d))",
            "Third-country transfers (Art. 30(1)(e))", "Time limits for erasure (Art. 30(1)(f))", "Security measures (Art. 30(1)(g))",
        ];
        foreach (var activity in policy.Activities)
        {
            Assert.All(required, column => Assert.False(string.IsNullOrWhiteSpace(Cell(activity.Id, column)), $"{activity.Id}: {column} is empty"));
            Assert.All(activity.Purposes, p => Assert.Contains($"({p})", Cell(activity.Id, "Purposes (Art. 30(1)(b))"), StringComparison.Ordinal));
            Assert.All(activity.Categories, c => Assert.Contains($"({c})", Cell(activity.Id, "Personal data (Art. 30(1)(c))"), StringComparison.Ordinal));
            Assert.All(activity.Retention, r => Assert.Contains($"{r}: ", Cell(activity.Id, "Time limits for erasure (Art. 30(1)(f))"), StringComparison.Ordinal));
            Assert.All(activity.Transfers, t => Assert.Contains(t.Country, Cell(activity.Id, "Third-country transfers (Art. 30(1)(e))"), StringComparison.Ordinal));
            Assert.Contains(policy.Organisation.Controller.Name, Cell(activity.Id, "Controller (Art. 30(1)(a))"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_NoRecipientsOrTransfers_CellSaysNone()
    {
        Assert.Equal("none", Cell("accounts", "Third-country transfers (Art. 30(1)(e))"));
        Assert.Equal("none", Cell("accounts", "Joint controllers"));
    }

    [Fact]
    public void Write_SpecialCategoryAndDerogation_Marked()
    {
        Assert.Contains("Health data (user.health) [special category]", Cell("recruitment", "Personal data (Art. 30(1)(c))"), StringComparison.Ordinal);
        Assert.Contains("[Art. 49 derogation]", Cell("recruitment", "Third-country transfers (Art. 30(1)(e))"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Lines_EndWithCrLf()
    {
        Assert.EndsWith("\r\n", Text, StringComparison.Ordinal);
        Assert.Equal(Text.Count(c => c == '\r'), Text.Split("\r\n").Length - 1);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+49 30", "'+49 30")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("=a,b", "\"'=a,b\"")]
    public void Escape_FormulaStart_PrefixedWithApostrophe(string cell, string expected)
    {
        Assert.Equal(expected, RecordCsvWriter.Escape(cell));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("a=b", "a=b")]
    public void Escape_Cell_QuotedOnlyWhenNeeded(string cell, string expected)
    {
        Assert.Equal(expected, RecordCsvWriter.Escape(cell));
    }

    [Fact]
    public void Write_SamePolicyLoadedTwice_SameBytes()
    {
        var again = RecordCsvWriter.ToCsv(RecordOfProcessing.From(PolicyFiles.Load(PolicyFiles.Minimal)));
        Assert.Equal(Text, again);
    }
}
