using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;

namespace Pledge.Requests;

/// <summary>
/// The unguessable token of a request's status link: 128 bits of <c>HMAC(key, "request-status\0" + id)</c>, so a link
/// works without anything stored, and knowing one request's link tells nothing about another's. Thread-safe.
/// </summary>
public sealed class RequestStatusLinks(PseudonymKey key)
{
    private readonly byte[] _key = HMACSHA256.HashData((key ?? throw new ArgumentNullException(nameof(key))).Bytes, "pledge-request-status-v1"u8);

    /// <summary>The token of request <paramref name="id"/>.</summary>
    public string Token(long id)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes("request-status\0" + id.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>Whether <paramref name="token"/> is request <paramref name="id"/>'s, compared in constant time.</summary>
    public bool Check(long id, string? token) =>
        token is { Length: 32 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(Token(id)));
}
