using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>The vectorised first pass: where in the next 64 bytes a value could start at all.</summary>
internal sealed partial class PiiScanner
{
    private const int Block = 64;

    /// <summary>
    /// The candidates among the 64 bytes from <paramref name="block"/>, bit k for byte block + k: word starts and
    /// the bytes <c>&lt; * + ( / :</c>. <paramref name="words"/> gets the word bytes of the same 64, which gives
    /// every word's end without walking it. Bits past the end of <paramref name="s"/> are clear.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Candidates(ReadOnlySpan<byte> s, int block, out ulong words)
    {
        ulong specials;
        if (Vector256.IsHardwareAccelerated && block + Block <= s.Length)
        {
            ref var start = ref MemoryMarshal.GetReference(s);
            var low = Vector256.LoadUnsafe(ref start, (nuint)block);
            var high = Vector256.LoadUnsafe(ref start, (nuint)(block + 32));
            words = WordBytes(low) | ((ulong)WordBytes(high) << 32);
            specials = SpecialBytes(low) | ((ulong)SpecialBytes(high) << 32);
        }
        else if (Vector128.IsHardwareAccelerated && block + Block <= s.Length)
        {
            ref var start = ref MemoryMarshal.GetReference(s);
            words = specials = 0;
            for (var k = 0; k < Block; k += 16)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)(block + k));
                words |= (ulong)WordBytes(v) << k;
                specials |= (ulong)SpecialBytes(v) << k;
            }
        }
        else
        {
            words = specials = 0;
            var end = Math.Min(s.Length, block + Block);
            for (var i = block; i < end; i++)
            {
                var b = s[i];
                words |= (IsWord(b) ? 1UL : 0) << (i - block);
                specials |= (b is (byte)'<' or (byte)'*' or (byte)'+' or (byte)'(' or (byte)'/' or (byte)':' ? 1UL : 0) << (i - block);
            }
        }

        var before = IsWord(At(s, block - 1)) ? 1UL : 0;
        return (words & ~((words << 1) | before)) | specials;
    }

    /// <summary>Bytes that are part of a word: ASCII letters and digits, and every byte of a non-ASCII character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint WordBytes(Vector256<byte> v)
    {
        var digit = Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10));
        var letter = Vector256.LessThan((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        return (digit | letter).ExtractMostSignificantBits() | v.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SpecialBytes(Vector256<byte> v)
    {
        var special = Vector256.Equals(v, Vector256.Create((byte)'<')) | Vector256.Equals(v, Vector256.Create((byte)'*'))
            | Vector256.Equals(v, Vector256.Create((byte)'+')) | Vector256.Equals(v, Vector256.Create((byte)'('))
            | Vector256.Equals(v, Vector256.Create((byte)'/')) | Vector256.Equals(v, Vector256.Create((byte)':'));
        return special.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint WordBytes(Vector128<byte> v)
    {
        var digit = Vector128.LessThan(v - Vector128.Create((byte)'0'), Vector128.Create((byte)10));
        var letter = Vector128.LessThan((v | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)26));
        return (digit | letter).ExtractMostSignificantBits() | v.ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SpecialBytes(Vector128<byte> v)
    {
        var special = Vector128.Equals(v, Vector128.Create((byte)'<')) | Vector128.Equals(v, Vector128.Create((byte)'*'))
            | Vector128.Equals(v, Vector128.Create((byte)'+')) | Vector128.Equals(v, Vector128.Create((byte)'('))
            | Vector128.Equals(v, Vector128.Create((byte)'/')) | Vector128.Equals(v, Vector128.Create((byte)':'));
        return special.ExtractMostSignificantBits();
    }
}
