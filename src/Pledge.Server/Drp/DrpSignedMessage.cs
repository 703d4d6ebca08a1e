using System.Globalization;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Pledge.Server.Drp;

/// <summary>
/// A DRP signed message: base64 of a 64-byte Ed25519 signature followed by the JSON it signs (libsodium's combined
/// mode). Checked in the order DRP 1.0 §3.07 gives: decodes, the signature verifies under the agent's key, the
/// <c>agent-id</c> and <c>business-id</c> claims name the agent and this business, now is after <c>issued-at</c> (less
/// clock skew) and before <c>expires-at</c>, and the window is no longer than allowed.
/// </summary>
internal static class DrpSignedMessage
{
    public const int SignatureLength = 64;

    public static DrpVerified Verify(string body, string agentId, byte[] publicKey, DrpOptions options, DateTimeOffset now)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(body.Trim());
        }
        catch (FormatException)
        {
            return DrpVerified.Fail(400, "the body is not base64");
        }

        if (raw.Length <= SignatureLength)
        {
            return DrpVerified.Fail(400, "the body is shorter than a signature and a message");
        }

        var signer = new Ed25519Signer();
        signer.Init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        signer.BlockUpdate(raw, SignatureLength, raw.Length - SignatureLength);
        if (!signer.VerifySignature(raw[..SignatureLength]))
        {
            return DrpVerified.Fail(403, "the signature does not verify under the agent's key");
        }

        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(raw.AsMemory(SignatureLength));
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return DrpVerified.Fail(400, "the signed message is not JSON");
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return DrpVerified.Fail(400, "the signed message is not a JSON object");
        }

        if (Text(json, "agent-id") != agentId)
        {
            return DrpVerified.Fail(403, "agent-id does not name the agent of the token or path");
        }

        if (Text(json, "business-id") != options.BusinessId)
        {
            return DrpVerified.Fail(403, "business-id does not name this business");
        }

        if (!Time(json, "issued-at", out var issued) || !Time(json, "expires-at", out var expires))
        {
            return DrpVerified.Fail(400, "issued-at and expires-at must be ISO 8601 timestamps");
        }

        if (issued > now + TimeSpan.FromSeconds(options.ClockSkewSeconds))
        {
            return DrpVerified.Fail(403, "issued-at is in the future");
        }

        if (now >= expires)
        {
            return DrpVerified.Fail(403, "the message has expired");
        }

        if (expires - issued > TimeSpan.FromSeconds(options.MaxLifetimeSeconds) || expires <= issued)
        {
            return DrpVerified.Fail(403, "the message's validity window is longer than allowed or negative");
        }

        return new DrpVerified(json, raw[..SignatureLength], expires, 0, null);
    }

    public static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Time(JsonElement json, string name, out DateTimeOffset at)
    {
        at = default;
        return Text(json, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }

    /// <summary>Parses a 32-byte verify key from hex; null if it is not one.</summary>
    public static byte[]? Key(string hex)
    {
        try
        {
            var key = Convert.FromHexString(hex.Trim());
            return key.Length == 32 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A verified message (its claims, signature and expiry) or the status and reason it was refused.</summary>
internal readonly record struct DrpVerified(JsonElement Claims, byte[] Signature, DateTimeOffset Expires, int Status, string? Error)
{
    public static DrpVerified Fail(int status, string error) => new(default, [], default, status, error);
}
