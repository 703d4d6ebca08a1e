using Pledge.Consent;

namespace Pledge.Tests.Consent;

public sealed class SubjectIdentifierTests
{
    [Theory]
    [InlineData("email:  Ada.Lovelace@Example.COM ", "email:ada.lovelace@example.com")]
    [InlineData("Ada@Example.com", "email:ada@example.com")]
    [InlineData("phone:+44 (0)1223 000 000", "phone:+441223000000")]
    [InlineData("phone:+1 650-253-0000", "phone:+16502530000")]
    [InlineData("ACCOUNT_ID: A-1001 ", "account_id:A-1001")]
    [InlineData("cookie_id:f3a9c2", "cookie_id:f3a9c2")]
    public void Parse_Variants_NormaliseToOneKey(string text, string key)
    {
        Assert.Equal(key, SubjectIdentifier.Parse(text).Identifier!.Key);
    }

    [Fact]
    public void Parse_NationalPhoneWithDefaultRegion_IsE164()
    {
        Assert.Equal("phone:+441223000000", SubjectIdentifier.Parse("phone:01223 000000", "GB").Identifier!.Key);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("email:ada@@example.com", "name@domain.tld")]
    [InlineData("email:ada@localhost", "name@domain.tld")]
    [InlineData("phone:01223 000000", "no country code")]
    [InlineData("phone:+44 12", "not a possible number")]
    [InlineData("Bad Kind:x", "lower-case word")]
    [InlineData("A-1001", "kind:value")]
    public void Parse_Invalid_ExplainsWithoutRepeatingTheValue(string text, string expected)
    {
        var result = SubjectIdentifier.Parse(text);

        Assert.Null(result.Identifier);
        Assert.Contains(expected, result.Error);
        if (text.Length > 8)
        {
            Assert.DoesNotContain(text[^6..], result.Error);
        }
    }
}
