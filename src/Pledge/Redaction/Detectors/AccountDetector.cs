using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Account names in the forms logs write them: <c>DOMAIN\user</c>, <c>C:\Users\user</c> (also with <c>/</c> and
/// JSON's <c>\\</c>), <c>/home/user</c> and <c>/Users/user</c>. Only the user part is a match, so the same person
/// gets the same pseudonym whichever form names them. Built-in profiles and accounts (Public, Default,
/// NT AUTHORITY\SYSTEM, BUILTIN\Administrators) are not people and are left alone.
/// </summary>
internal static class AccountDetector
{
    private const int MaxDomain = 64;
    private const int MaxUser = 64;

    private static readonly byte[][] BuiltInProfiles = Ascii("public", "default", "default user", "all users", "defaultuser0", "shared");

    private static readonly byte[][] BuiltInDomains = Ascii("authority", "builtin", "service", "manager", "host");

    /// <summary><c>DOMAIN\user</c> with the domain starting at <paramref name="p"/> and ending at <paramref name="domainEnd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool MatchDomainUser(ReadOnlySpan<byte> s, int p, int domainEnd, out int start, out int end)
    {
        start = end = -1;
        var prev = At(s, p - 1);
        if (prev is (byte)'\\' or (byte)'/' or (byte)':' or (byte)'.' or (byte)'%' or (byte)'@' || domainEnd - p > MaxDomain || At(s, domainEnd) != '\\')
        {
            return false;
        }

        // A NetBIOS domain is upper case; a lower-case word before a backslash is far more often an escape
        // sequence (line\nnext) than a domain, unless it is a dotted DNS domain.
        var dotted = s[p..domainEnd].Contains((byte)'.');
        if (!dotted && s[p..domainEnd].ContainsAnyInRange((byte)'a', (byte)'z'))
        {
            return false;
        }

        if (IsBuiltIn(s[p..domainEnd], BuiltInDomains))
        {
            return false;
        }

        var u = domainEnd + (At(s, domainEnd + 1) == '\\' ? 2 : 1);
        end = UserEnd(s, u);
        if (end < 0 || At(s, end) is (byte)'\\' or (byte)'/')
        {
            return false;
        }

        start = u;
        return true;
    }

    /// <summary><c>C:\Users\user</c> or <c>C:\Documents and Settings\user</c> with the drive letter at <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool MatchDrivePath(ReadOnlySpan<byte> s, int p, out int start, out int end)
    {
        start = end = -1;
        var i = p + 2;
        var width = Separator(s, i);
        if (width == 0)
        {
            return false;
        }

        i += width;

        if (StartsWithLower(s, i, "users"u8))
        {
            i += 5;
        }
        else if (StartsWithLower(s, i, "documents and settings"u8))
        {
            i += 22;
        }
        else
        {
            return false;
        }

        // The same separator throughout: C:\\Users\\x in JSON, C:\Users\x in text; C:\Users\\x is not a profile path.
        if (Separator(s, i) != width || !IsWord(At(s, i + width)))
        {
            return false;
        }

        i += width;

        // A Windows profile name may contain spaces (C:\Users\Anna Berg\AppData): take them when a separator follows.
        var stop = i;
        while (stop - i < MaxUser && At(s, stop) is var b && (IsWord(b) || b is (byte)' ' or (byte)'.' or (byte)'-' or (byte)'_' or (byte)'$'))
        {
            stop++;
        }

        end = At(s, stop) is (byte)'\\' or (byte)'/' ? stop : UserEnd(s, i);
        while (end > i && s[end - 1] is (byte)' ' or (byte)'.')
        {
            end--;
        }

        if (end <= i || IsBuiltIn(s[i..end], BuiltInProfiles))
        {
            return false;
        }

        start = i;
        return true;
    }

    /// <summary><c>/home/user</c> or <c>/Users/user</c> with the first slash at <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool MatchHomePath(ReadOnlySpan<byte> s, int p, out int start, out int end)
    {
        start = end = -1;
        int u;
        if (s[p..].StartsWith("/home/"u8))
        {
            u = p + 6;
        }
        else if (s[p..].StartsWith("/Users/"u8))
        {
            u = p + 7;
        }
        else
        {
            return false;
        }

        end = UserEnd(s, u);
        if (end < 0 || IsBuiltIn(s[u..end], BuiltInProfiles))
        {
            return false;
        }

        start = u;
        return true;
    }

    /// <summary>End of a user name (letters, digits, <c>. _ - $</c>, starting with a letter or digit) at <paramref name="u"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int UserEnd(ReadOnlySpan<byte> s, int u)
    {
        if (!IsWord(At(s, u)))
        {
            return -1;
        }

        var i = u;
        while (i - u <= MaxUser && At(s, i) is var b && (IsWord(b) || b is (byte)'.' or (byte)'-' or (byte)'_' or (byte)'$'))
        {
            i++;
        }

        while (s[i - 1] is (byte)'.' or (byte)'-')
        {
            i--;
        }

        return i - u > MaxUser ? -1 : i;
    }

    /// <summary>The width of a path separator at <paramref name="i"/>: 1 for / or \, 2 for JSON's \\, 0 for none.</summary>
    private static int Separator(ReadOnlySpan<byte> s, int i) => At(s, i) switch
    {
        (byte)'/' => 1,
        (byte)'\\' => At(s, i + 1) == '\\' ? 2 : 1,
        _ => 0,
    };

    private static byte[][] Ascii(params string[] names) => [.. names.Select(System.Text.Encoding.ASCII.GetBytes)];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsBuiltIn(ReadOnlySpan<byte> name, byte[][] names)
    {
        foreach (var candidate in names)
        {
            if (name.Length == candidate.Length && StartsWithLower(name, 0, candidate))
            {
                return true;
            }
        }

        return false;
    }
}
