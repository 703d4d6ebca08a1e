using Pledge.Redaction;

namespace Pledge.Tests.Redaction;

public sealed class KnownValueMatcherTests
{
    private static readonly Redactor Redactor = new(new RedactionOptions
    {
        Detectors = new HashSet<PiiType>(),
        KnownValues = [new("Anna Berg"), new("Anna"), new("jsmith", PiiType.Username), new("WS-BERG-01", PiiType.Hostname), new("Müller")],
    });

    [Theory]
    [InlineData("hello Anna Berg!", "hello <NAME>!")]
    [InlineData("ANNA BERG and anna", "<NAME> and <NAME>")]
    [InlineData("Annabel and Hanna and Anna2", "Annabel and Hanna and Anna2")]
    [InlineData("by jsmith on ws-berg-01.", "by <USERNAME> on <HOSTNAME>.")]
    [InlineData("herr MÜLLER, frau müller, Müllerin", "herr <NAME>, frau <NAME>, Müllerin")]
    [InlineData("anna_berg", "<NAME>_berg")]
    public void Redact_KnownValues_MatchWholeWordsIgnoringCase(string input, string expected) => Assert.Equal(expected, Redactor.Redact(input));

    [Fact]
    public void Redact_ManyKnownValues_FindsEach()
    {
        var names = Enumerable.Range(0, 5000).Select(i => new KnownValue($"Person{i} Name{i}")).ToList();
        var redactor = new Redactor(new RedactionOptions { KnownValues = names });

        Assert.Equal("<NAME> met <NAME>", redactor.Redact("person17 name17 met PERSON4999 NAME4999"));
    }
}
