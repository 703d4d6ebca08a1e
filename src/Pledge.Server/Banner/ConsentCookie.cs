using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pledge.Server.Banner;

/// <summary>
/// The browser's record of its cookie choices, shared by the banner script and the no-script preferences page:
/// <c>TERMS.ID.EXPIRES.cat~cat</c> — the hash of the cookie terms it answered (a changed hash asks again), a random
/// browser id (the ledger's <c>cookie_id</c>), the Unix second it lapses, and the accepted categories.
/// </summary>
public sealed partial record ConsentCookie(string Terms, string Id, long Expires, ImmutableArray<string> Accepted)
{
    /// <summary>The stored choice when it is well formed, answers <paramref name="terms"/> and has not lapsed; else null.</summary>
    public static ConsentCookie? Read(string? value, string terms, DateTimeOffset now)
    {
        if (value is null || value.Length > 512)
        {
            return null;
        }

        var parts = value.Split('.');
        if (parts.Length != 4 || parts[0] != terms || !IdPattern().IsMatch(parts[1])
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires <= now.ToUnixTimeSeconds())
        {
            return null;
        }

        return new ConsentCookie(parts[0], parts[1], expires, parts[3].Length == 0 ? [] : [.. parts[3].Split('~')]);
    }

    /// <summary>A fresh random browser id.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> looks like a browser id.</summary>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <inheritdoc/>
    public override string ToString() => string.Join('.', Terms, Id, Expires.ToString(CultureInfo.InvariantCulture), string.Join('~', Accepted));

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}
