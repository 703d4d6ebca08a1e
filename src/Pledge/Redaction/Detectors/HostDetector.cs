using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Host and computer names: a DNS name of two or more labels under a known top-level domain
/// (<c>ws-anna.corp.local</c>, <c>portal.example.com</c>), and Windows' generated computer names
/// (<c>DESKTOP-4F2K9QX</c>, <c>LAPTOP-…</c>, <c>WIN-…</c>). Dotted code and product names (System.Net.Http,
/// Pledge.Redaction.dll) end in something that is not a host TLD and are left alone.
/// </summary>
internal static class HostDetector
{
    /// <summary>The end of a DNS name starting at <paramref name="p"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MatchDnsName(ReadOnlySpan<byte> s, int p)
    {
        var prev = At(s, p - 1);
        if (prev is (byte)'.' or (byte)'-' or (byte)'@' or (byte)'_')
        {
            return -1;
        }

        var end = DomainName.Parse(s, p, out var labels, out var lastLabel);
        if (end < 0 || labels < 2 || !DomainName.HasHostTld(s, lastLabel, end))
        {
            return -1;
        }

        var next = At(s, end);
        return Glued(s, end) || next is (byte)'_' or (byte)'@' or (byte)'(' or (byte)'\\' ? -1 : end;
    }

    /// <summary>The end of a Windows generated computer name starting at <paramref name="p"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MatchWindowsName(ReadOnlySpan<byte> s, int p)
    {
        var rest = s[p..];
        int i;
        if (rest.StartsWith("DESKTOP-"u8))
        {
            i = p + 8;
        }
        else if (rest.StartsWith("LAPTOP-"u8))
        {
            i = p + 7;
        }
        else if (rest.StartsWith("WIN-"u8))
        {
            i = p + 4;
        }
        else
        {
            return -1;
        }

        var end = RunEnd(s, i, ByteKind.Upper | ByteKind.Digit, 16);
        var next = At(s, end);
        return end - i is >= 4 and <= 15 && !Glued(s, end) && next is not ((byte)'-' or (byte)'_' or (byte)'\\') ? end : -1;
    }
}
