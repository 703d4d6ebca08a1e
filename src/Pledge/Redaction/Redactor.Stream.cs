using System.Buffers;
using Pledge.Redaction.Detectors;

namespace Pledge.Redaction;

public sealed partial class Redactor
{
    /// <summary>
    /// Input buffer. 64 KiB amortises the carry-over (at most <see cref="PiiScanner.Lookahead"/> +
    /// <see cref="PiiScanner.Lookbehind"/> bytes moved per buffer, under 1%) and fits in L2 with the output buffer.
    /// </summary>
    internal const int DefaultBufferSize = 64 * 1024;

    /// <summary>
    /// Redacts <paramref name="input"/> into <paramref name="output"/> as it reads, in constant memory whatever the
    /// size of the input or the length of its lines: a value split across two reads is still found, a line of any
    /// length passes through, and bytes that are not valid UTF-8 are copied unchanged. Output is flushed when a read
    /// returns less than asked (a pipe that is waiting), so <c>tail -f</c> works. Neither stream is closed.
    /// </summary>
    public Task<RedactionReport> RedactAsync(Stream input, Stream output, CancellationToken cancellationToken = default) =>
        RedactAsync(input, output, DefaultBufferSize, cancellationToken);

    internal async Task<RedactionReport> RedactAsync(Stream input, Stream output, int bufferSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 2 * (PiiScanner.Lookahead + PiiScanner.Lookbehind));
        var run = NewRun();
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        var pending = new OutputBuffer(bufferSize + 1024);
        long read = 0, written = 0;
        try
        {
            var filled = 0;
            var pos = 0;
            while (true)
            {
                var wanted = bufferSize - filled;
                var n = await input.ReadAsync(buffer.AsMemory(filled, wanted), cancellationToken).ConfigureAwait(false);
                filled += n;
                read += n;
                var final = n == 0;
                var limit = final ? filled : SafeLimit(buffer.AsSpan(0, filled), pos);
                if (limit > pos)
                {
                    pos = run.Redact(buffer.AsSpan(0, filled), pos, limit, pending);
                }

                if (final || pending.WrittenCount >= bufferSize || n < wanted)
                {
                    written += pending.WrittenCount;
                    await output.WriteAsync(pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    pending.ResetWrittenCount();
                }

                if (final)
                {
                    break;
                }

                // Keep what is not yet written plus a little context before it; move it to the front.
                var keep = Math.Max(0, pos - PiiScanner.Lookbehind);
                buffer.AsSpan(keep, filled - keep).CopyTo(buffer);
                filled -= keep;
                pos -= keep;
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new RedactionReport(run.Counts, read, written);
    }

    /// <summary>
    /// How far values may start and still be decided from the bytes at hand: everything up to the last line break
    /// (no value spans one), and at least everything a full look-ahead before the end.
    /// </summary>
    private static int SafeLimit(ReadOnlySpan<byte> buffer, int pos)
    {
        var limit = buffer.Length - PiiScanner.Lookahead;
        var newline = buffer[pos..].LastIndexOf((byte)'\n');
        return newline >= 0 ? Math.Max(limit, pos + newline + 1) : limit;
    }
}
