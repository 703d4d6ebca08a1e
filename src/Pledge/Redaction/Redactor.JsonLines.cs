using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pledge.Redaction.Detectors;

namespace Pledge.Redaction;

public sealed partial class Redactor
{
    /// <summary>
    /// Redacts JSON lines (one JSON value per line): the string values chosen by <paramref name="options"/> are
    /// redacted and everything else — keys, numbers, spacing, escapes of untouched strings — is copied byte for byte.
    /// A line that is not JSON, or longer than <see cref="JsonLinesOptions.MaxLineBytes"/>, is redacted as plain text
    /// and counted in <see cref="RedactionReport.InvalidJsonLines"/>, so nothing escapes redaction.
    /// </summary>
    public async Task<RedactionReport> RedactJsonLinesAsync(Stream input, Stream output, JsonLinesOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new JsonLinesOptions();
        var run = NewRun();
        var lines = new JsonLineRedactor(run, options);
        var size = Math.Max(options.MaxLineBytes, 2 * (PiiScanner.Lookahead + PiiScanner.Lookbehind)) + PiiScanner.Lookbehind;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var pending = new OutputBuffer(DefaultBufferSize);
        long read = 0, written = 0, total = 0, invalid = 0;
        try
        {
            var filled = 0;
            var from = 0;
            var plainUntilNewline = false;
            var eof = false;
            while (!eof)
            {
                var wanted = size - filled;
                var n = await input.ReadAsync(buffer.AsMemory(filled, wanted), cancellationToken).ConfigureAwait(false);
                read += n;
                eof = n == 0;
                var start = from;
                var end = filled + n;
                while (start < end)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0 && !eof)
                    {
                        break;
                    }

                    var lineEnd = newline < 0 ? end : start + newline + 1;
                    if (plainUntilNewline)
                    {
                        run.Redact(buffer.AsSpan(0, lineEnd), start, lineEnd, pending);
                        plainUntilNewline = false;
                    }
                    else
                    {
                        total++;
                        invalid += lines.Redact(buffer.AsSpan(start, lineEnd - start), pending) ? 0 : 1;
                    }

                    start = lineEnd;
                }

                // A line longer than MaxLineBytes is redacted as plain text as it streams, keeping the look-ahead.
                if (!eof && (plainUntilNewline ? end - start > PiiScanner.Lookahead : end - start >= size - PiiScanner.Lookbehind))
                {
                    if (!plainUntilNewline)
                    {
                        total++;
                        invalid++;
                        plainUntilNewline = true;
                    }

                    start = run.Redact(buffer.AsSpan(0, end), start, end - PiiScanner.Lookahead, pending);
                }

                var keep = plainUntilNewline ? Math.Max(0, start - PiiScanner.Lookbehind) : start;
                buffer.AsSpan(keep, end - keep).CopyTo(buffer);
                filled = end - keep;
                from = start - keep;
                if (pending.WrittenCount >= DefaultBufferSize || eof || n < wanted)
                {
                    written += pending.WrittenCount;
                    await output.WriteAsync(pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    pending.ResetWrittenCount();
                }
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new RedactionReport(run.Counts, read, written, total, invalid);
    }

    /// <summary>Redacts the chosen string values of one JSON line, copying everything else unchanged.</summary>
    private sealed class JsonLineRedactor(RedactionRun run, JsonLinesOptions options)
    {
        private readonly Stack<string?> _owners = new();
        private readonly OutputBuffer _scratch = new(256);

        /// <summary>Writes the redacted line; false if it was not JSON and was redacted as plain text.</summary>
        public bool Redact(ReadOnlySpan<byte> line, OutputBuffer output)
        {
            if (line.Trim(" \t\r\n"u8).IsEmpty)
            {
                output.Append(line);
                return true;
            }

            // Redact into scratch first: a line that turns out not to be JSON must not leave half its output behind.
            _scratch.ResetWrittenCount();
            if (TryRedactJson(line, _scratch))
            {
                output.Append(_scratch.WrittenSpan);
                return true;
            }

            run.Redact(line, 0, line.Length, output);
            return false;
        }

        private bool TryRedactJson(ReadOnlySpan<byte> line, OutputBuffer output)
        {
            _owners.Clear();
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var copied = 0;
            string? key = null;
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            key = reader.GetString();
                            break;
                        case JsonTokenType.StartObject or JsonTokenType.StartArray:
                            _owners.Push(reader.TokenType == JsonTokenType.StartArray ? key : null);
                            key = null;
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray:
                            _owners.Pop();
                            key = null;
                            break;
                        case JsonTokenType.String:
                            var owner = key ?? (_owners.Count > 0 ? _owners.Peek() : null);
                            var start = (int)reader.TokenStartIndex + 1;
                            output.Append(line[copied..start]);
                            WriteValue(ref reader, owner, output);
                            copied = start + reader.ValueSpan.Length;
                            key = null;
                            break;
                        default:
                            key = null;
                            break;
                    }
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return false;
            }

            output.Append(line[copied..]);
            return true;
        }

        private void WriteValue(ref Utf8JsonReader reader, string? owner, OutputBuffer output)
        {
            var whole = owner is not null && options.WholeValueKeys.TryGetValue(owner, out var wholeType);
            var scan = options.Keys is null || (owner is not null && options.Keys.Contains(owner));
            if (!whole && !scan)
            {
                output.Append(reader.ValueSpan);
                return;
            }

            if (!reader.ValueIsEscaped && !whole)
            {
                // Unescaped content is its own value, and every replacement is plain ASCII: redact in place.
                var raw = reader.ValueSpan;
                run.Redact(raw, 0, raw.Length, output);
                return;
            }

            var value = Encoding.UTF8.GetBytes(reader.GetString() ?? "");
            var redacted = new OutputBuffer(value.Length + 32);
            if (whole)
            {
                run.Replace(value, options.WholeValueKeys[owner!], redacted);
            }
            else
            {
                run.Redact(value, 0, value.Length, redacted);
            }

            output.Append(JsonEncodedText.Encode(redacted.WrittenSpan, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
        }
    }
}
