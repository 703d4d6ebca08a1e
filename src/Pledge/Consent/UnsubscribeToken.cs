using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;

namespace Pledge.Consent;

/// <summary>
/// The token of a one-click unsubscribe link (RFC 8058): the subject, the activity and the issue time, with an
/// HMAC-SHA256 over them under a key derived from the pseudonym key (<c>HMAC(key, "pledge-unsubscribe-v1")</c>), so
/// whoever holds the key (the server, <c>pledge consent unsubscribe-link</c>, the organisation's mailer through the API)
/// can issue links and nobody else can forge or alter one. The token is signed, not encrypted: the subject's identifier
/// is readable in it, as it is in the e-mail it is sent to. Immutable and thread-safe.
/// </summary>
public sealed class UnsubscribeTokens
{
    private const string Version = "u1";
    private readonly byte[] _key;

    public UnsubscribeTokens(PseudonymKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = HMACSHA256.HashData(key.Bytes, "pledge-unsubscribe-v1"u8);
    }

    /// <summary>A token for <paramref name="subject"/> and <paramref name="activity"/>, issued at <paramref name="issuedAt"/>.</summary>
    public string Issue(SubjectIdentifier subject, string activity, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(activity);
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', Version, subject.Key, activity, issuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(_key, payload));
    }

    /// <summary>Reads and checks a token; a malformed, altered or foreign one (made with another key) is refused.</summary>
    public UnsubscribeTokenResult Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return UnsubscribeTokenResult.Fail("the link has no token");
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var mac))
        {
            return UnsubscribeTokenResult.Fail("the token is malformed");
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, payload)))
        {
            return UnsubscribeTokenResult.Fail("the token was altered or was not issued by this site");
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 4 || parts[0] != Version || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return UnsubscribeTokenResult.Fail("the token is of an unknown version");
        }

        var subject = SubjectIdentifier.Parse(parts[1]);
        return subject.Identifier is null
            ? UnsubscribeTokenResult.Fail("the token names no valid subject")
            : new UnsubscribeTokenResult(new UnsubscribeClaim(subject.Identifier, parts[2], DateTimeOffset.FromUnixTimeSeconds(issued)), null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>What a valid unsubscribe token says.</summary>
public sealed record UnsubscribeClaim(SubjectIdentifier Subject, string Activity, DateTimeOffset IssuedAt);

/// <summary>A checked token, or why it was refused.</summary>
public readonly record struct UnsubscribeTokenResult(UnsubscribeClaim? Claim, string? Error)
{
    public static UnsubscribeTokenResult Fail(string error) => new(null, error);
}
