using System.Security.Cryptography;
using System.Text;
using Pledge.Redaction;

namespace Pledge.Tests.Redaction.Operators;

public sealed class PseudonymizerTests
{
    private static readonly byte[] Secret = Convert.FromHexString("00112233445566778899aabbccddeeff");

    [Fact]
    public void Write_PastCacheCapacity_EveryTokenStillTheHmacOfItsValue()
    {
        var pseudonymizer = new Pseudonymizer(Key());
        var values = Enumerable.Range(0, MacCache.Capacity + 5_000).Select(i => $"user{i}@example.com").ToArray();

        // Twice over more distinct values than the cache holds: the first pass fills it and starts it again, the
        // second meets values both remembered and forgotten. Every token must be the one computed from scratch.
        foreach (var pass in new[] { 1, 2 })
        {
            for (var i = 0; i < values.Length; i += pass == 1 ? 1 : 7)
            {
                Assert.Equal(Expected("EMAIL", values[i]), Write(pseudonymizer, values[i], PiiType.Email));
            }
        }
    }

    [Fact]
    public void Write_SameValueRepeated_SameTokenFromCache()
    {
        var pseudonymizer = new Pseudonymizer(Key());

        var first = Write(pseudonymizer, "10.0.0.5", PiiType.IPv4);
        var again = Write(pseudonymizer, "10.0.0.5", PiiType.IPv4);

        Assert.Equal(first, again);
        Assert.Matches("^<IPV4:k1:[0-9a-f]{16}>$", first);
    }

    [Fact]
    public void Write_ValueLongerThanCachedOnes_TokenIsItsHmac()
    {
        var pseudonymizer = new Pseudonymizer(Key());
        var value = new string('a', 200) + "@example.com";

        Assert.Equal(Expected("EMAIL", value), Write(pseudonymizer, value, PiiType.Email));
        Assert.Equal(Expected("EMAIL", value), Write(pseudonymizer, value, PiiType.Email));
    }

    [Theory]
    [InlineData(49)]  // with the tag and its zero byte, the longest message computed eight at a time
    [InlineData(50)]  // the shortest computed by the platform, and remembered
    [InlineData(122)] // the longest remembered
    public void Write_ValueAtEachComputationLimit_TokenIsItsHmacFirstAndFromCache(int length)
    {
        var pseudonymizer = new Pseudonymizer(Key());
        var value = new string('b', length - "@example.com".Length) + "@example.com";

        Assert.Equal(Expected("EMAIL", value), Write(pseudonymizer, value, PiiType.Email));
        Assert.Equal(Expected("EMAIL", value), Write(pseudonymizer, value, PiiType.Email));
    }

    [Fact]
    public void Write_OneValueOfTwoTypes_TwoTokens()
    {
        var pseudonymizer = new Pseudonymizer(Key());

        var asUser = Write(pseudonymizer, "anna", PiiType.Username);
        var asName = Write(pseudonymizer, "anna", PiiType.Name);

        Assert.NotEqual(asUser[^17..], asName[^17..]);
    }

    [Fact]
    public async Task RedactAsync_ManyNewValuesAcrossChunks_EveryTokenTheHmacOfItsValue()
    {
        // More new values than wait for their MAC at once, over more bytes than one read: tokens written first and
        // filled in later must all be filled in, in the right places, before the output leaves the run.
        var values = Enumerable.Range(0, 20_000).Select(i => $"user{i}@example.com").ToArray();
        var text = string.Join("\n", values.Select((v, i) => $"2024-03-15 08:00:00 login {v} from host {i}"));
        var redactor = new Redactor(new RedactionOptions { Detectors = new HashSet<PiiType> { PiiType.Email }, DefaultOperator = RedactionOperator.Pseudonym, Key = Key() });
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var output = new MemoryStream();

        await redactor.RedactAsync(input, output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        Assert.Equal(values.Length, lines.Length);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal($"2024-03-15 08:00:00 login {Expected("EMAIL", values[i])} from host {i}", lines[i]);
        }
    }

    [Fact]
    public async Task RedactJsonLinesAsync_NewValuesInManyStrings_EveryTokenFilledIn()
    {
        var values = Enumerable.Range(0, 3_000).Select(i => $"user{i}@example.com").ToArray();
        var text = string.Join("\n", values.Select(v => $$"""{"msg":"from {{v}}","user":"{{v}}"}"""));
        var redactor = new Redactor(new RedactionOptions { Detectors = new HashSet<PiiType> { PiiType.Email }, DefaultOperator = RedactionOperator.Pseudonym, Key = Key() });
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var output = new MemoryStream();

        await redactor.RedactJsonLinesAsync(input, output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        for (var i = 0; i < values.Length; i++)
        {
            var token = Expected("EMAIL", values[i]);
            Assert.Equal($$"""{"msg":"from {{token}}","user":"{{token}}"}""", lines[i]);
        }
    }

    [Fact]
    public void Redact_ShortText_RunAllocatesLittle()
    {
        // The library redacts field by field (exports, retention): a run over one short value must not pay for the
        // cache a large file fills.
        var redactor = new Redactor(new RedactionOptions { DefaultOperator = RedactionOperator.Pseudonym, Key = Key() });
        redactor.Redact("warm-up anna@example.com");

        var before = GC.GetAllocatedBytesForCurrentThread();
        redactor.Redact("login from 10.0.0.5 by anna@example.com");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 64 * 1024);
    }

    private static PseudonymKey Key()
    {
        Assert.True(PseudonymKey.TryCreate(Convert.ToHexString(Secret), "k1", out var key, out var error), error);
        return key!;
    }

    private static string Write(Pseudonymizer pseudonymizer, string value, PiiType type)
    {
        var output = new OutputBuffer(64);
        pseudonymizer.Write(Encoding.UTF8.GetBytes(value), type, output);
        pseudonymizer.Complete();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Expected(string tag, string lowerCaseValue)
    {
        var mac = HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes($"{tag}\0{lowerCaseValue}"));
        return $"<{tag}:k1:{Convert.ToHexStringLower(mac[..8])}>";
    }
}
