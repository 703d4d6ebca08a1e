using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>E-mail addresses: a local part of letters, digits and <c>. _ % + -</c>, an <c>@</c>, and a domain of two or more labels ending in an alphabetic top-level domain.</summary>
internal static class EmailDetector
{
    /// <summary>RFC 5321: a local part is at most 64 bytes.</summary>
    private const int MaxLocal = 64;

    /// <summary>The end of an address whose local part starts at <paramref name="p"/> and ends at <paramref name="localEnd"/> (the <c>@</c>); -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Match(ReadOnlySpan<byte> s, int p, int localEnd)
    {
        if (At(s, localEnd) != '@' || localEnd == p || localEnd - p > MaxLocal || s[localEnd - 1] == '.')
        {
            return -1;
        }

        var end = DomainName.Parse(s, localEnd + 1, out var labels, out var lastLabel);
        if (end < 0 || labels < 2 || !DomainName.HasAlphabeticTld(s, lastLabel, end))
        {
            return -1;
        }

        var next = At(s, end);
        return Glued(s, end) || next is (byte)'@' or (byte)'-' or (byte)'_' ? -1 : end;
    }
}
