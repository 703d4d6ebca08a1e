using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Pledge.Redaction.Detectors;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction;

/// <summary>Writes what replaces a detected value under the operator chosen for its type. Not thread safe (the pseudonym cache).</summary>
internal sealed class Replacer
{
    private readonly RedactionOperator[] _operators;
    private readonly Pseudonymizer? _pseudonymizer;

    /// <summary>Per type, the whole tag (<c>&lt;EMAIL&gt;</c>): the tag operator's output, and the partial one's where it keeps nothing.</summary>
    private static readonly byte[][] Tags = [.. PiiTypes.All.Select(t => (byte[])[(byte)'<', .. PiiTypes.TagUtf8(t), (byte)'>'])];

    public Replacer(RedactionOptions options)
    {
        _operators = [.. PiiTypes.All.Select(options.OperatorFor)];
        _pseudonymizer = options.Key is null ? null : new Pseudonymizer(options.Key);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(ReadOnlySpan<byte> value, PiiType type, OutputBuffer output)
    {
        switch (_operators[(int)type])
        {
            case RedactionOperator.Remove:
                return;
            case RedactionOperator.Mask:
                Mask(value.Length - CountContinuationBytes(value), output);
                return;
            case RedactionOperator.Pseudonym:
                _pseudonymizer!.Write(value, type, output);
                return;
            case RedactionOperator.Partial when Partial(value, type, output):
                return;
            default:
                output.Append(Tags[(int)type]);
                return;
        }
    }

    /// <summary>Fills in what the operators left to finish (the pseudonyms of new values); the output is final after it.</summary>
    public void Complete() => _pseudonymizer?.Complete();

    private static bool Partial(ReadOnlySpan<byte> value, PiiType type, IBufferWriter<byte> output)
    {
        switch (type)
        {
            case PiiType.Card:
                var digits = 0;
                foreach (var b in value)
                {
                    digits += IsDigit(b) ? 1 : 0;
                }

                var span = output.GetSpan(value.Length);
                var seen = 0;
                for (var i = 0; i < value.Length; i++)
                {
                    var b = value[i];
                    span[i] = IsDigit(b) && ++seen <= digits - 4 ? (byte)'*' : b;
                }

                output.Advance(value.Length);
                return true;
            case PiiType.IPv4 when IPv4Detector.ParseOctets(value, 0, out var v4) > 0:
                Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{v4 >> 24}.{(v4 >> 16) & 255}.{(v4 >> 8) & 255}.0"));
                return true;
            case PiiType.IPv6 when IPv6Detector.Parse(value, 0, out var v6) > 0:
                var top = (ulong)(v6 >> 80);
                Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{(top >> 32) & 0xffff:x}:{(top >> 16) & 0xffff:x}:{top & 0xffff:x}::"));
                return true;
            case PiiType.Email when value.IndexOf((byte)'@') is var at and > 0:
                output.Write("***"u8);
                output.Write(value[at..]);
                return true;
            default:
                return false;
        }
    }

    private static void Mask(int count, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(count);
        span[..count].Fill((byte)'*');
        output.Advance(count);
    }

    private static int CountContinuationBytes(ReadOnlySpan<byte> value)
    {
        var n = 0;
        foreach (var b in value)
        {
            n += (b & 0xC0) == 0x80 ? 1 : 0;
        }

        return n;
    }

    private static void Ascii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }
}
