using System.Buffers;
using System.Text;
using Pledge.Redaction.Detectors;

namespace Pledge.Redaction;

/// <summary>
/// Finds personal data in text and replaces it: e-mail and IP addresses, MAC addresses, phone, card and IBAN
/// numbers, account and host names, and values known at run time. Works on UTF-8 bytes in one pass; text that
/// is not valid UTF-8 passes through unchanged, byte for byte. Immutable and thread safe: build one per set of
/// options and share it; each call keeps its own counts.
/// </summary>
/// <example>
/// <code>
/// var redactor = new Redactor(new RedactionOptions());
/// redactor.Redact("login from anna@example.com at 10.1.2.3"); // "login from &lt;EMAIL&gt; at &lt;IPV4&gt;"
/// </code>
/// </example>
public sealed partial class Redactor
{
    private readonly PiiScanner _scanner;

    /// <summary>Builds a redactor; throws <see cref="ArgumentException"/> when <see cref="RedactionOptions.Validate"/> reports a problem.</summary>
    public Redactor(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        Options = options;
        var known = options.KnownValues.Count == 0 ? null : new KnownValueMatcher(options.KnownValues);
        _scanner = new PiiScanner(options.Detectors, known);
    }

    /// <summary>The options this redactor was built with.</summary>
    public RedactionOptions Options { get; }

    /// <summary>Returns <paramref name="text"/> with every detected value replaced.</summary>
    public string Redact(string text) => Redact(text, out _);

    /// <summary>Returns <paramref name="text"/> with every detected value replaced, and what was found.</summary>
    public string Redact(string text, out RedactionReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = RedactToBuffer(Encoding.UTF8.GetBytes(text), out report);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Redacts UTF-8 <paramref name="utf8"/> into <paramref name="output"/>; returns what was found.</summary>
    public RedactionReport Redact(ReadOnlySpan<byte> utf8, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(RedactToBuffer(utf8, out var report).WrittenSpan);
        return report;
    }

    private OutputBuffer RedactToBuffer(ReadOnlySpan<byte> utf8, out RedactionReport report)
    {
        var run = NewRun();
        var output = new OutputBuffer(utf8.Length + 64);
        run.Redact(utf8, 0, utf8.Length, output);
        report = new RedactionReport(run.Counts, utf8.Length, output.WrittenCount);
        return output;
    }

    /// <summary>Every value the enabled detectors find in UTF-8 <paramref name="utf8"/>, in order, as byte offsets. Nothing is replaced.</summary>
    public IReadOnlyList<PiiMatch> Find(ReadOnlySpan<byte> utf8)
    {
        var matches = new List<PiiMatch>();
        var pos = 0;
        while (_scanner.Next(utf8, ref pos, utf8.Length, out var match))
        {
            matches.Add(match);
        }

        return matches;
    }

    internal RedactionRun NewRun() => new(_scanner, Options);
}
