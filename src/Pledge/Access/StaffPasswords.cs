using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pledge.Access;

/// <summary>
/// Password hashes for staff accounts: PBKDF2-HMAC-SHA256 with a 16-byte random salt and 600,000 iterations (OWASP's
/// 2023 floor for this function), stored as <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> so the count can rise later
/// without breaking stored hashes. Verification compares in constant time.
/// </summary>
public static class StaffPasswords
{
    /// <summary>Iterations for new hashes.</summary>
    public const int Iterations = 600_000;

    /// <summary>The shortest password accepted.</summary>
    public const int MinLength = 12;

    /// <summary>The longest password accepted: PBKDF2 hashes it once per iteration block, so a huge one would be a cheap denial of service.</summary>
    public const int MaxLength = 256;

    private const string Scheme = "pbkdf2-sha256";

    /// <summary>Why <paramref name="password"/> cannot be used, or null when it can.</summary>
    public static string? Check(string? password) => password switch
    {
        null or "" => "the password is empty",
        { Length: < MinLength } => $"the password must have at least {MinLength} characters",
        { Length: > MaxLength } => $"the password must have at most {MaxLength} characters",
        _ => null,
    };

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/>; false for a malformed hash.</summary>
    public static bool Verify(string? password, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (password is null || password.Length > MaxLength || parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A random password of 20 characters from an alphabet without look-alikes (about 115 bits).</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
