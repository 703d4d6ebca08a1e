using System.Runtime.CompilerServices;
using Pledge.Redaction.Detectors;

namespace Pledge.Redaction;

/// <summary>The state of one redaction run: counts and the pseudonym cache. Not thread safe; one per call.</summary>
internal sealed class RedactionRun
{
    private readonly PiiScanner _scanner;
    private readonly Replacer _replacer;

    public RedactionRun(PiiScanner scanner, RedactionOptions options)
    {
        _scanner = scanner;
        _replacer = new Replacer(options);
    }

    public long[] Counts { get; } = new long[PiiTypes.All.Count];

    /// <summary>
    /// Redacts <paramref name="s"/> from <paramref name="from"/> for every value starting before
    /// <paramref name="limit"/>, writing the result to <paramref name="output"/>. Returns how far it wrote
    /// (at or past <paramref name="limit"/>); bytes outside <c>[from, limit)</c> serve as context.
    /// </summary>
    /// <remarks>
    /// The output is the concrete <see cref="OutputBuffer"/>: the stretch between two values and a tag are one inlined
    /// copy each, which on dense logs is measurably cheaper than writing through <see cref="System.Buffers.IBufferWriter{T}"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Redact(ReadOnlySpan<byte> s, int from, int limit, OutputBuffer output)
    {
        var emitted = from;
        var pos = from;
        while (_scanner.Next(s, ref pos, limit, out var match))
        {
            output.Append(s[emitted..match.Start]);
            _replacer.Write(s.Slice(match.Start, match.Length), match.Type, output);
            Counts[(int)match.Type]++;
            emitted = match.End;
        }

        output.Append(s[emitted..pos]);
        _replacer.Complete();
        return pos;
    }

    /// <summary>Replaces all of <paramref name="value"/> as a value of <paramref name="type"/>, without detection.</summary>
    public void Replace(ReadOnlySpan<byte> value, PiiType type, OutputBuffer output)
    {
        _replacer.Write(value, type, output);
        _replacer.Complete();
        Counts[(int)type]++;
    }
}
