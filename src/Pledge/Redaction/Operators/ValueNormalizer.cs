using System.Text;
using Pledge.Redaction.Detectors;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction;

/// <summary>
/// The canonical form a pseudonym is computed from, so that spellings of one value share a token:
/// 2001:DB8::1 and 2001:0db8:0:0:0:0:0:1, 00-1A-2B-3C-4D-5E and 001a.2b3c.4d5e, ANNA@Example.com and
/// anna@example.com, "4111 1111 1111 1111" and "4111-1111-1111-1111".
/// </summary>
internal static class ValueNormalizer
{
    /// <summary>Writes the canonical form of <paramref name="value"/> to <paramref name="destination"/> (at least 1 KB); returns its length.</summary>
    public static int Normalize(ReadOnlySpan<byte> value, PiiType type, Span<byte> destination)
    {
        switch (type)
        {
            case PiiType.IPv4 when IPv4Detector.ParseOctets(value, 0, out var v4) > 0:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(destination, v4);
                return 4;
            case PiiType.IPv6 when IPv6Detector.Parse(value, 0, out var v6) > 0:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(destination, v6);
                return 16;
            case PiiType.Mac:
                return Keep(value, destination, static b => IsHex(b), lower: true);
            case PiiType.Phone:
                return Keep(value, destination, static b => IsDigit(b) || b == '+', lower: false);
            case PiiType.Card or PiiType.Iban:
                return Keep(value, destination, static b => IsAlnum(b), lower: false);
            default:
                return LowerCase(value, destination);
        }
    }

    private static int Keep(ReadOnlySpan<byte> value, Span<byte> destination, Func<byte, bool> keep, bool lower)
    {
        var n = 0;
        foreach (var b in value)
        {
            if (keep(b))
            {
                destination[n++] = lower ? Lower(b) : b;
            }
        }

        return n;
    }

    private static int LowerCase(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (System.Text.Ascii.IsValid(value))
        {
            for (var i = 0; i < value.Length; i++)
            {
                destination[i] = Lower(value[i]);
            }

            return value.Length;
        }

        // Rare: a known value with non-ASCII letters. Fold through UTF-16 so "Ödön" and "ödön" agree.
        var folded = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(value).ToLowerInvariant());
        var length = Math.Min(folded.Length, destination.Length);
        folded.AsSpan(0, length).CopyTo(destination);
        return length;
    }
}
