namespace Pledge.Notices;

/// <summary>The formats a privacy notice is rendered in.</summary>
public enum NoticeFormat
{
    /// <summary>A standalone, accessible HTML5 page (XHTML-compatible markup, embedded CSS, no JavaScript).</summary>
    Html,

    /// <summary>GitHub-flavoured Markdown.</summary>
    Markdown,
}
