using System.Globalization;
using System.Text;

namespace Pledge.Notices;

/// <summary>Escaping and heading anchors for GitHub-flavoured Markdown.</summary>
public static class MarkdownText
{
    /// <summary>
    /// Escapes <paramref name="text"/> so it renders literally inline, in a list item or in a table cell: every
    /// character that can start markup (<c>\ ` * _ [ ] &lt; &gt; | ~ &amp; #</c>) is backslash-escaped, as is a
    /// leading <c>- + =</c> or ordered-list marker; line breaks become spaces, so text cannot end a block.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.ReplaceLineEndings(" ");
        var sb = new StringBuilder(s.Length + 8);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '#' || (i == 0 && c is '-' or '+' or '='))
            {
                sb.Append('\\');
            }
            else if (c is '.' or ')' && i > 0 && (i + 1 == s.Length || s[i + 1] == ' ') && IsLeadingNumber(s, i))
            {
                sb.Append('\\');
            }

            sb.Append(c < ' ' ? ' ' : c);
        }

        return sb.ToString();
    }

    /// <summary>A link destination for use inside <c>&lt;...&gt;</c>: only the characters that would end it are escaped.</summary>
    public static string Destination(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        return href.Replace("\\", "%5C", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal)
            .Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
    }

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation other than '-' and '_' removed, spaces as '-'.</summary>
    public static string Slug(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var sb = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (c == ' ')
            {
                sb.Append('-');
            }
            else if (c == '-' || char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                         or UnicodeCategory.EnclosingMark or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Gives each heading of a document its anchor, numbering repeats as GitHub does ("faq", "faq-1", ...).</summary>
    internal sealed class Slugger
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public string Add(string heading)
        {
            var slug = Slug(heading);
            var candidate = slug;
            while (_seen.TryGetValue(candidate, out _))
            {
                var n = _seen[slug] = _seen[slug] + 1;
                candidate = slug + "-" + n.ToString(CultureInfo.InvariantCulture);
            }

            _seen[candidate] = 0;
            return candidate;
        }
    }

    /// <summary>Whether s[..end] is all digits (an ordered-list marker such as "1." when followed by '.' or ')').</summary>
    private static bool IsLeadingNumber(string s, int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return end <= 9;
    }
}
