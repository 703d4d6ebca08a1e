using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Recognises what the operators write — <c>&lt;EMAIL&gt;</c> and <c>&lt;EMAIL:k1:3f9a2c1b7d4e5f60&gt;</c> — so the
/// scanner steps over it and redacting redacted text changes nothing.
/// </summary>
internal static class RedactedOutput
{
    private const int MaxKeyId = 32;

    /// <summary>The longest token: &lt;, a 8-letter tag, :, a key id, :, the MAC, &gt;.</summary>
    private const int MaxLength = 1 + 8 + 1 + MaxKeyId + 1 + Pseudonymizer.TokenHexLength + 1;

    /// <summary>True when operator output starts at <paramref name="i"/>: a tag, a token or a mask.</summary>
    public static bool StartsAt(ReadOnlySpan<byte> s, int i) => At(s, i) switch
    {
        (byte)'*' => true,
        (byte)'<' => End(s, i) > i + 1,
        _ => false,
    };

    /// <summary>True when operator output ends just before <paramref name="i"/>.</summary>
    public static bool EndsBefore(ReadOnlySpan<byte> s, int i) => At(s, i - 1) switch
    {
        (byte)'*' => true,
        (byte)'>' => EndsAt(s, i - 1),
        _ => false,
    };

    /// <summary>True when the <c>&gt;</c> at <paramref name="i"/> closes a tag or token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool EndsAt(ReadOnlySpan<byte> s, int i)
    {
        var from = Math.Max(0, i - MaxLength);
        var open = s[from..i].LastIndexOf((byte)'<');
        return open >= 0 && End(s, from + open) == i + 1;
    }

    /// <summary>Where scanning resumes after the <c>&lt;</c> at <paramref name="p"/>: past a tag or token, else the next byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int End(ReadOnlySpan<byte> s, int p)
    {
        var nameEnd = RunEnd(s, p + 1, ByteKind.Upper | ByteKind.Digit, 9);
        if (PiiTypes.IndexOfTag(s[(p + 1)..nameEnd]) < 0)
        {
            return p + 1;
        }

        var next = At(s, nameEnd);
        if (next == '>')
        {
            return nameEnd + 1;
        }

        if (next != ':')
        {
            return p + 1;
        }

        var idEnd = RunEnd(s, nameEnd + 1, ByteKind.Upper | ByteKind.Lower | ByteKind.Digit, MaxKeyId + 1);
        if (idEnd == nameEnd + 1 || idEnd - nameEnd - 1 > MaxKeyId || At(s, idEnd) != ':')
        {
            return p + 1;
        }

        var macEnd = RunEnd(s, idEnd + 1, ByteKind.Hex, Pseudonymizer.TokenHexLength + 1);
        return macEnd - idEnd - 1 == Pseudonymizer.TokenHexLength && At(s, macEnd) == '>' ? macEnd + 1 : p + 1;
    }
}
