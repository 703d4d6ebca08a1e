using System.Security.Cryptography;
using System.Text;

namespace Pledge.Audit;

/// <summary>
/// The secret behind every keyed pseudonym (audit subjects, erased identifiers). Read from
/// <see cref="EnvironmentVariable"/> (at least 32 random bytes, base64 or hex). Without it Pledge refuses to start,
/// except in local mode, which creates a key file outside the store and says so.
/// </summary>
public sealed class PseudonymKey
{
    /// <summary>The environment variable holding the key.</summary>
    public const string EnvironmentVariable = "PLEDGE_PSEUDONYM_KEY";

    /// <summary>The shortest key accepted, in bytes.</summary>
    public const int MinimumBytes = 32;

    private PseudonymKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(bytes, "pledge-pseudonym-key-id"u8))[..16];
    }

    internal byte[] Bytes { get; }

    /// <summary>A fingerprint of the key (not the key): stored in the store to detect a key change.</summary>
    public string Id { get; }

    /// <summary>A key from its text (base64 or hex), or why the text is not one. The error never repeats the text.</summary>
    public static PseudonymKeyResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, $"{EnvironmentVariable} is empty", null);
        }

        text = text.Trim();
        byte[]? bytes = null;
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit))
        {
            bytes = Convert.FromHexString(text);
        }
        else
        {
            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                bytes = buffer[..written];
            }
        }

        if (bytes is null || bytes.Length < MinimumBytes)
        {
            return new(null, $"{EnvironmentVariable} must be at least {MinimumBytes} random bytes, base64 or hex (e.g. from `openssl rand -base64 32`)", null);
        }

        return new(new PseudonymKey(bytes), null, null);
    }

    /// <summary>
    /// The key to use: <paramref name="environmentValue"/> when set; otherwise, only when <paramref name="local"/>,
    /// the key in <paramref name="localKeyFile"/>, created (mode 0600) with 32 random bytes if missing, with a
    /// warning to show; otherwise an error that says how to provide one.
    /// </summary>
    public static PseudonymKeyResult Resolve(string? environmentValue, bool local, string localKeyFile)
    {
        ArgumentNullException.ThrowIfNull(localKeyFile);
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            return Parse(environmentValue);
        }

        if (!local)
        {
            return new(null, $"{EnvironmentVariable} is not set: set it to at least {MinimumBytes} random bytes, base64 (e.g. `export {EnvironmentVariable}=$(openssl rand -base64 32)`), or pass --local to try Pledge with a generated key file", null);
        }

        try
        {
            if (!File.Exists(localKeyFile))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(localKeyFile))!);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(localKeyFile, options))
                {
                    stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)) + "\n"));
                }

                var created = Parse(File.ReadAllText(localKeyFile));
                return created with { Warning = $"local mode: created a pseudonym key in {localKeyFile}; keep it safe and set {EnvironmentVariable} in production" };
            }

            var read = Parse(File.ReadAllText(localKeyFile));
            return read.Key is null
                ? new(null, $"the local key file {localKeyFile} does not hold a valid key", null)
                : read with { Warning = $"local mode: using the pseudonym key in {localKeyFile}" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, $"cannot use the local key file {localKeyFile}: {e.Message}", null);
        }
    }
}

/// <summary>A pseudonym key, or why there is none; and a warning to show when local mode supplied it.</summary>
public sealed record PseudonymKeyResult(PseudonymKey? Key, string? Error, string? Warning);
