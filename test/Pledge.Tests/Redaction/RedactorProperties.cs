using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Pledge.Redaction;
using Pledge.Tests.Support;

namespace Pledge.Tests.Redaction;

/// <summary>
/// Invariants of the engine over generated input: arbitrary bytes, and text made of personal data, decoys and
/// punctuation glued together at random, which is where boundary bugs live.
/// </summary>
public sealed class RedactorProperties
{
    private static readonly PseudonymKey Key = CreateKey();

    private static readonly KnownValue[] Known = [new("Anna Berg"), new("jsmith", PiiType.Username), new("Łucja")];

    private static readonly string[] Fragments =
    [
        "anna.berg@example.com", "J.SMITH+x@mail.example.co.uk", "192.168.1.45", "10.0.0.1:8080", "2001:db8::1", "fe80::1%eth0",
        "[2001:db8:85a3::8a2e:370:7334]:443", "::ffff:192.0.2.1", "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001a.2b3c.4d5e",
        "+44 20 7946 0958", "(555) 123-4567", "020 7946 0958", "4111 1111 1111 1111", "378282246310005", "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432", "CORP\\jsmith", "C:\\Users\\anna\\AppData", "/home/jsmith/", "user=jsmith", "host=WS-BERG-01",
        "\"login\":\"anna\"", "ws-anna.corp.local", "DESKTOP-4F2K9QX", "Anna Berg", "łucja", "jsmith",
        "2024-03-15 14:22:01.123", "10.0.19045.1", "00:01:23.456", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "0x7ffe4a3b",
        "1048576 bytes", "port 5938", "System.Net.Http", "v1.2.3.4", "<EMAIL>", "<IPV4:k1:0123456789abcdef>", "***",
        " ", " ", " ", "\n", ".", ",", ":", "::", "-", "@", "<", ">", "=", "\\", "/", "+", "(", ")", "[", "]", "\"", "'", "_", "%",
        "a", "Z", "0", "7", "42", "é", "\t", "\u00a0",
    ];

    private static readonly Arbitrary<string> Texts = Gen.OneOf(
            Gen.Elements(Fragments),
            ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get))
        .ArrayOf()
        .Select(parts => string.Concat(parts))
        .ToArbitrary();

    private static readonly Arbitrary<string> SpacedTexts = Gen.Elements(Fragments)
        .ArrayOf()
        .Select(parts => string.Join(' ', parts))
        .ToArbitrary();

    private static readonly RedactionOperator[] HidingOperators = [RedactionOperator.Tag, RedactionOperator.Mask, RedactionOperator.Pseudonym];

    [ScaledProperty(300)]
    public Property Redact_ArbitraryBytes_NeverThrowsAndKeepsUndetectedBytes() => Prop.ForAll(
        ArbMap.Default.ArbFor<byte[]>(),
        bytes =>
        {
            var redactor = Create(RedactionOperator.Tag);
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            var report = redactor.Redact(bytes, output);
            return report.Total > 0 || output.WrittenSpan.SequenceEqual(bytes);
        });

    [ScaledProperty(100)]
    public Property RedactAsync_ArbitraryBytes_NeverThrowsInEitherMode() => Prop.ForAll(
        ArbMap.Default.ArbFor<byte[]>(),
        bytes =>
        {
            var redactor = Create(RedactionOperator.Pseudonym);
            redactor.RedactAsync(new MemoryStream(bytes), Stream.Null).GetAwaiter().GetResult();
            redactor.RedactJsonLinesAsync(new MemoryStream(bytes), Stream.Null).GetAwaiter().GetResult();
        });

    [ScaledProperty(500)]
    public Property Redact_AnyText_OutputHasNothingLeftToDetect() => Prop.ForAll(Texts, text =>
        HidingOperators.All(op =>
        {
            var redactor = Create(op);
            var output = redactor.Redact(text);
            var left = redactor.Find(Encoding.UTF8.GetBytes(output));
            return left.Count == 0;
        }).Label(text));

    [ScaledProperty(500)]
    public Property Redact_AnyText_DetectedValuesAreGone() => Prop.ForAll(Texts, text =>
    {
        var redactor = Create(RedactionOperator.Tag);
        var bytes = Encoding.UTF8.GetBytes(text);
        var output = Encoding.UTF8.GetBytes(redactor.Redact(text));
        var values = redactor.Find(bytes).Select(m => bytes.AsSpan(m.Start, m.Length).ToArray()).Where(v => v.Length >= 6);

        // A value may survive only where the input also had it outside every match (e.g. "v1.2.3.4").
        return values.All(v => Occurrences(output, v) <= Occurrences(bytes, v) - redactor.Find(bytes).Count(m => bytes.AsSpan(m.Start, m.Length).SequenceEqual(v)));
    });

    [ScaledProperty(1000)]
    public Property Redact_Twice_SameAsOnce() => Prop.ForAll(Texts, text =>
        HidingOperators.All(op =>
        {
            var redactor = Create(op);
            var once = redactor.Redact(text);
            return redactor.Redact(once) == once;
        }).Label(text));

    // Partial writes plain text (192.168.1.0) that can join with a neighbour into something new when nothing
    // separates them; with whitespace between values it is idempotent too. Remove is not: deleting a value lets
    // what stood before it be read against what stood after it ("4111 1111 1111 1111 00-1a-2b-3c-4d-5e" has no
    // card number, because the number runs on; without the MAC address it has one).
    [ScaledProperty(500)]
    public Property Redact_TwicePartial_SameAsOnceWhenValuesStandApart() => Prop.ForAll(SpacedTexts, text =>
    {
        var redactor = Create(RedactionOperator.Partial);
        var once = redactor.Redact(text);
        return (redactor.Redact(once) == once).Label(text);
    });

    [ScaledProperty(200)]
    public Property Pseudonym_SameValue_SameTokenInAnyContextAndInstance() => Prop.ForAll(Texts, Texts, (before, after) =>
    {
        var value = "anna.berg@example.com";
        var alone = Create(RedactionOperator.Pseudonym).Redact(value);
        var inContext = Create(RedactionOperator.Pseudonym).Redact(before + " " + value + " " + after);
        return inContext.Contains(alone, StringComparison.Ordinal);
    });

    [ScaledProperty(200)]
    public Property RedactAsync_AnyText_SameAsOnePass() => Prop.ForAll(Texts, Gen.Choose(1, 64).ToArbitrary(), (text, read) =>
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text + "\n", 1 + (2000 / (text.Length + 1)))));
        return RedactorStreamTests.StreamAsync(bytes, 2048, read).GetAwaiter().GetResult().AsSpan().SequenceEqual(RedactorStreamTests.OnePass(bytes));
    });

    private static Redactor Create(RedactionOperator op) => new(new RedactionOptions { DefaultOperator = op, Key = Key, KnownValues = Known });

    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        var count = 0;
        var span = haystack.AsSpan();
        for (var i = span.IndexOf(needle); i >= 0; i = span.IndexOf(needle))
        {
            count++;
            span = span[(i + 1)..];
        }

        return count;
    }

    private static PseudonymKey CreateKey()
    {
        PseudonymKey.TryCreate("000102030405060708090a0b0c0d0e0f", "k1", out var key, out _);
        return key!;
    }
}
