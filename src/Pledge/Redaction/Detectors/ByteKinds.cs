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
}

/// <summary>Byte classification and bounds-safe access for the detectors.</summary>
internal static class ByteKinds
{
    private static readonly ByteKind[] Table = Build();

    public static ByteKind Of(byte b) => Table[b];

    /// <summary>The byte at <paramref name="index"/>, or 0 (a delimiter) outside the span.</summary>
    public static byte At(ReadOnlySpan<byte> s, int index) => (uint)index < (uint)s.Length ? s[index] : (byte)0;

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsHex(byte b) => (Table[b] & ByteKind.Hex) != 0;

    public static bool IsAlpha(byte b) => (Table[b] & (ByteKind.Upper | ByteKind.Lower)) != 0;

    public static bool IsAlnum(byte b) => (Table[b] & (ByteKind.Upper | ByteKind.Lower | ByteKind.Digit)) != 0;

    public static bool IsWord(byte b) => (Table[b] & ByteKind.Word) != 0;

    public static bool Is(byte b, ByteKind kind) => (Table[b] & kind) != 0;

    public static byte Lower(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    public static int HexValue(byte b) => IsDigit(b) ? b - '0' : (Lower(b) - 'a' + 10);

    /// <summary>End of the run of bytes of <paramref name="kind"/> starting at <paramref name="start"/>, scanning at most <paramref name="max"/> bytes.</summary>
    public static int RunEnd(ReadOnlySpan<byte> s, int start, ByteKind kind, int max)
    {
        var limit = Math.Min(s.Length, start + max);
        var i = start;
        while (i < limit && (Table[s[i]] & kind) != 0)
        {
            i++;
        }

        return i;
    }

    /// <summary>Case-insensitive ASCII comparison of <paramref name="s"/> at <paramref name="at"/> with a lower-case literal.</summary>
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

    private static ByteKind[] Build()
    {
        var t = new ByteKind[256];
        for (var b = 0; b < 256; b++)
        {
            var k = ByteKind.None;
            if (b is >= '0' and <= '9')
            {
                k |= ByteKind.Digit | ByteKind.Hex | ByteKind.Word | ByteKind.Local | ByteKind.Host;
            }
            else if (b is >= 'A' and <= 'Z')
            {
                k |= ByteKind.Upper | ByteKind.Word | ByteKind.Local | ByteKind.Host | (b <= 'F' ? ByteKind.Hex : 0);
            }
            else if (b is >= 'a' and <= 'z')
            {
                k |= ByteKind.Lower | ByteKind.Word | ByteKind.Local | ByteKind.Host | (b <= 'f' ? ByteKind.Hex : 0);
            }
            else if (b >= 0x80)
            {
                k |= ByteKind.Word;
            }
            else if (b is '.' or '-')
            {
                k |= ByteKind.Local | ByteKind.Host;
            }
            else if (b is '_' or '%' or '+')
            {
                k |= ByteKind.Local;
            }

            t[b] = k;
        }

        return t;
    }
}
