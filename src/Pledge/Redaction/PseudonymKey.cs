
namespace Pledge.Redaction;

/// <summary>
/// The secret behind keyed pseudonyms, and its public id. Tokens carry the id (<c>&lt;EMAIL:k1:…&gt;</c>), so after
/// a rotation old and new tokens are told apart and whoever holds key <c>k1</c> can still recompute old tokens.
/// Read from <c>PLEDGE_REDACTION_KEY</c> (hex or base64, at least 16 bytes) and <c>PLEDGE_REDACTION_KEY_ID</c>
/// (1 to 32 letters or digits). Immutable and thread safe.
/// </summary>
public sealed class PseudonymKey
{
    /// <summary>The environment variable holding the key, hex or base64.</summary>
    public const string KeyVariable = "PLEDGE_REDACTION_KEY";

    /// <summary>The environment variable holding the key id.</summary>
    public const string KeyIdVariable = "PLEDGE_REDACTION_KEY_ID";

    /// <summary>Shortest key accepted: 128 bits, what HMAC-SHA256 needs to resist guessing of the key itself.</summary>
    public const int MinKeyBytes = 16;

    private readonly byte[] _key;

    private PseudonymKey(byte[] key, string keyId)
    {
        _key = key;
        KeyId = keyId;
    }

    /// <summary>The public id written into every token.</summary>
    public string KeyId { get; }

    internal ReadOnlySpan<byte> Secret => _key;
    /// <summary>Creates a key from its text (hex if it is an even number of hex digits, else base64) and id; false with a message if either is unusable.</summary>
    public static bool TryCreate(string? keyText, string? keyId, out PseudonymKey? key, out string error)
    {
        key = null;
        error = "";
        if (string.IsNullOrWhiteSpace(keyText))
        {
            error = $"no key: set {KeyVariable} to at least {MinKeyBytes} random bytes in hex or base64 (e.g. openssl rand -hex 32)";
            return false;
        }

        if (string.IsNullOrWhiteSpace(keyId) || keyId.Length > 32 || !keyId.All(char.IsAsciiLetterOrDigit))
        {
            error = $"{KeyIdVariable} must be 1 to 32 letters or digits, e.g. k1; it names the key in every token so rotations stay visible";
            return false;
        }

        var text = keyText.Trim();
        byte[] bytes;
        try
        {
            bytes = text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            error = $"{KeyVariable} is neither hex nor base64";
            return false;
        }

        if (bytes.Length < MinKeyBytes)
        {
            error = $"{KeyVariable} is {bytes.Length} bytes; use at least {MinKeyBytes}";
            return false;
        }

        key = new PseudonymKey(bytes, keyId);
        return true;
    }

    /// <summary>Reads the key and id from <see cref="KeyVariable"/> and <see cref="KeyIdVariable"/>.</summary>
    public static bool TryFromEnvironment(out PseudonymKey? key, out string error) =>
        TryCreate(Environment.GetEnvironmentVariable(KeyVariable), Environment.GetEnvironmentVariable(KeyIdVariable), out key, out error);
}
