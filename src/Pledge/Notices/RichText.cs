using System.Collections.Immutable;

namespace Pledge.Notices;

/// <summary>
/// A run of inline text in a notice: plain, emphasised or a link. Renderers encode <see cref="Text"/> for
/// their format; the builder never pre-encodes.
/// </summary>
public abstract record NoticeSpan(string Text);

/// <summary>Plain text.</summary>
public sealed record TextSpan(string Text) : NoticeSpan(Text);

/// <summary>Text that is emphasised (rendered bold).</summary>
public sealed record StrongSpan(string Text) : NoticeSpan(Text);

/// <summary>A link. <see cref="Href"/> is always an http(s) or mailto address (see <see cref="NoticeLinks"/>).</summary>
public sealed record LinkSpan(string Text, string Href) : NoticeSpan(Text);

/// <summary>A sequence of spans forming one paragraph, list item or table cell.</summary>
public sealed record RichText(ImmutableArray<NoticeSpan> Spans)
{
    /// <summary>Empty text.</summary>
    public static RichText Empty { get; } = new([]);

    /// <summary>Plain text with no emphasis or links.</summary>
    public static RichText Plain(string text) => new([new TextSpan(text)]);

    /// <summary>The text without markup, e.g. for a heading anchor or a test.</summary>
    public string PlainText => string.Concat(Spans.Select(s => s.Text));

    /// <summary>Whether the text has no characters.</summary>
    public bool IsEmpty => Spans.All(s => s.Text.Length == 0);
}
