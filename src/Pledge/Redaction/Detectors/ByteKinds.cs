using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
namespace Pledge.Redaction.Detectors;

/// <summary>What a byte can be part of. One table lookup answers every "is this a ..." question on the hot path.</summary>
[Flags]
internal enum ByteKind : byte
{
    None = 0,
    Digit = 1,
    Upper = 2,
    Lower = 4,
    Hex = 8,

    /// <summary>Letters, digits and every byte of a non-ASCII character: the inside of a word.</summary>
    Word = 16,

    /// <summary>The local part of an e-mail address: letters, digits and <c>. _ % + -</c>.</summary>
    Local = 32,

    /// <summary>A host name label or separator: letters, digits, <c>-</c> and <c>.</c>.</summary>
    Host = 64,

    /// <summary>
    /// A byte that may carry a token on past the end of a word (<c>. - _ % + @ = : " ' \ /</c>). After any other
    /// byte only a word-shaped value (a known value, an IBAN, a card or phone group) can start at the word.
    /// </summary>
    Tail = 128,
}

/// <summary>Byte classification and bounds-safe access for the detectors.</summary>
internal static class ByteKinds
{

    // Generated from the rules in the ByteKind docs; a static ReadOnlySpan over constant data indexed by a byte
    // needs no bounds check, which is measurable on a loop that runs once per input byte.
    private static ReadOnlySpan<byte> Table =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 128, 0, 0, 160, 0, 128, 0, 0, 0, 160, 0, 224, 224, 128,
        121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 128, 0, 0, 128, 0, 0,
        128, 122, 122, 122, 122, 122, 122, 114, 114, 114, 114, 114, 114, 114, 114, 114,
        114, 114, 114, 114, 114, 114, 114, 114, 114, 114, 114, 0, 128, 0, 0, 160,
        0, 124, 124, 124, 124, 124, 124, 116, 116, 116, 116, 116, 116, 116, 116, 116,
        116, 116, 116, 116, 116, 116, 116, 116, 116, 116, 116, 0, 0, 0, 0, 0,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
        16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ByteKind Of(byte b) => (ByteKind)Table[b];

    /// <summary>The byte at <paramref name="index"/>, or 0 (a delimiter) outside the span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> s, int index) => (uint)index < (uint)s.Length ? s[index] : (byte)0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHex(byte b) => ((ByteKind)Table[b] & ByteKind.Hex) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAlpha(byte b) => ((ByteKind)Table[b] & (ByteKind.Upper | ByteKind.Lower)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAlnum(byte b) => ((ByteKind)Table[b] & (ByteKind.Upper | ByteKind.Lower | ByteKind.Digit)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWord(byte b) => ((ByteKind)Table[b] & ByteKind.Word) != 0;

    /// <summary>
    /// True when the byte at <paramref name="i"/> would glue a value to its neighbour: a word byte, or the edge of
    /// what an operator writes (a tag or token's <c>&lt;</c> and <c>&gt;</c>, a mask's <c>*</c>). A value is only
    /// taken where it stands free, and treating operator output as word material keeps that decision the same when
    /// redacted text is redacted again: "9::ws-anna.corp.local" has no IPv6 address, nor has "9::&lt;HOSTNAME&gt;".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Glued(ReadOnlySpan<byte> s, int i)
    {
        var b = At(s, i);
        return IsWord(b) || b switch
        {
            (byte)'*' => true,
            (byte)'<' => RedactedOutput.End(s, i) > i + 1,
            (byte)'>' => RedactedOutput.EndsAt(s, i),
            _ => false,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(byte b, ByteKind kind) => ((ByteKind)Table[b] & kind) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Lower(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HexValue(byte b) => IsDigit(b) ? b - '0' : (Lower(b) - 'a' + 10);

    /// <summary>End of the run of bytes of <paramref name="kind"/> starting at <paramref name="start"/>, scanning at most <paramref name="max"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int RunEnd(ReadOnlySpan<byte> s, int start, ByteKind kind, int max)
    {
        var limit = Math.Min(s.Length, start + max);
        var i = start;
        while (i < limit && ((ByteKind)Table[s[i]] & kind) != 0)
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// <see cref="RunEnd"/> for <see cref="ByteKind.Local"/>, 32 bytes at a time: the scanner asks it at every word
    /// that runs on into punctuation, and the byte loop's exit, a different length each time, was a mispredicted branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int LocalRunEnd(ReadOnlySpan<byte> s, int start, int max)
    {
        var limit = Math.Min(s.Length, start + max);
        var i = start;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(s);
            while (i + 32 <= limit)
            {
                var v = Vector256.LoadUnsafe(ref first, (nuint)i);
                var digit = Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10));
                var letter = Vector256.LessThan((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
                var punctuation = Vector256.Equals(v, Vector256.Create((byte)'.')) | Vector256.Equals(v, Vector256.Create((byte)'-'))
                    | Vector256.Equals(v, Vector256.Create((byte)'_')) | Vector256.Equals(v, Vector256.Create((byte)'%'))
                    | Vector256.Equals(v, Vector256.Create((byte)'+'));
                var outside = ~(digit | letter | punctuation).ExtractMostSignificantBits();
                if (outside != 0)
                {
                    return i + BitOperations.TrailingZeroCount(outside);
                }

                i += 32;
            }
        }

        return RunEnd(s, i, ByteKind.Local, limit - i);
    }

    /// <summary>Case-insensitive ASCII comparison of <paramref name="s"/> at <paramref name="at"/> with a lower-case literal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool StartsWithLower(ReadOnlySpan<byte> s, int at, ReadOnlySpan<byte> lowerLiteral)
    {
        if (at < 0 || at + lowerLiteral.Length > s.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerLiteral.Length; i++)
        {
            if (Lower(s[at + i]) != lowerLiteral[i])
            {
                return false;
            }
        }

        return true;
    }
}
