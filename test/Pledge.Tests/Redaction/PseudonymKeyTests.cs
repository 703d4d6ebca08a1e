using Pledge.Redaction;

namespace Pledge.Tests.Redaction;

public sealed class PseudonymKeyTests
{
    private const string Hex = "00112233445566778899aabbccddeeff";

    [Theory]
    [InlineData(Hex)]
    [InlineData("ABEiM0RVZneImaq7zN3u/w==")]
    public void TryCreate_HexOrBase64_SameKey(string text)
    {
        Assert.True(PseudonymKey.TryCreate(text, "k1", out var key, out _));

        Assert.Equal(Token(key!, "a@example.com"), Token(Key(Hex, "k1"), "a@example.com"));
    }

    [Theory]
    [InlineData(null, "k1")]
    [InlineData("0011", "k1")]
    [InlineData("not a key!", "k1")]
    [InlineData(Hex, null)]
    [InlineData(Hex, "k 1")]
    public void TryCreate_Unusable_ReturnsError(string? text, string? id)
    {
        Assert.False(PseudonymKey.TryCreate(text, id, out var key, out var error));
        Assert.Null(key);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Pseudonym_SameValueAnySpelling_SameToken()
    {
        var key = Key(Hex, "k1");

        Assert.Equal(Token(key, "ANNA@Example.com"), Token(key, "anna@example.com"));
        Assert.Equal(Token(key, "2001:DB8::1"), Token(key, "2001:0db8:0:0:0:0:0:1"));
        Assert.Equal(Token(key, "00-1A-2B-3C-4D-5E"), Token(key, "00:1a:2b:3c:4d:5e"));
        Assert.Equal(Token(key, "4111 1111 1111 1111"), Token(key, "4111-1111-1111-1111"));
        Assert.Matches("^<EMAIL:k1:[0-9a-f]{16}>$", Token(key, "anna@example.com"));
    }

    [Fact]
    public void Pseudonym_Token_IsTruncatedHmacSha256OfTypeAndNormalisedValue()
    {
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Convert.FromHexString(Hex), "EMAIL\0anna@example.com"u8);

        Assert.Equal($"<EMAIL:k1:{Convert.ToHexStringLower(mac[..8])}>", Token(Key(Hex, "k1"), "Anna@Example.com"));
    }

    [Fact]
    public void Pseudonym_RotatedKey_DifferentTokenNamingNewKey()
    {
        var before = Token(Key(Hex, "k1"), "anna@example.com");
        var after = Token(Key("ffeeddccbbaa99887766554433221100", "k2"), "anna@example.com");

        Assert.NotEqual(before[^17..], after[^17..]);
        Assert.StartsWith("<EMAIL:k2:", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudonym_SameUserInEveryForm_SameToken()
    {
        var redactor = new Redactor(new RedactionOptions { DefaultOperator = RedactionOperator.Pseudonym, Key = Key(Hex, "k1") });

        var tokens = redactor.Redact(@"CORP\jsmith /home/jsmith C:\Users\jsmith\x user=jsmith").Split(' ', '\\', '/', '=')
            .Where(t => t.StartsWith("<USERNAME", StringComparison.Ordinal)).Distinct();

        Assert.Single(tokens);
    }

    private static PseudonymKey Key(string text, string id)
    {
        Assert.True(PseudonymKey.TryCreate(text, id, out var key, out var error), error);
        return key!;
    }

    private static string Token(PseudonymKey key, string value) =>
        new Redactor(new RedactionOptions { DefaultOperator = RedactionOperator.Pseudonym, Key = key }).Redact(value);
}
