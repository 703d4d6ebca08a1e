using System.Text;

namespace Pledge.Notices;

/// <summary>
/// Renders a <see cref="NoticeDocument"/> as GitHub-flavoured Markdown: headings, a table of contents whose links
/// match the heading anchors GitHub generates, lists, tables and a block quote for call-outs. Every policy and
/// wording string is escaped (see <see cref="MarkdownText"/>), so it shows as written and cannot inject markup.
/// Stateless and thread safe.
/// </summary>
public static class MarkdownNoticeRenderer
{
    /// <summary>The Markdown for <paramref name="document"/>.</summary>
    public static string Render(NoticeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var slugs = new MarkdownText.Slugger();
        slugs.Add(document.Title);
        slugs.Add(document.ContentsHeading);
        var anchors = new Dictionary<NoticeSection, string>(ReferenceEqualityComparer.Instance);
        foreach (var section in document.Sections)
        {
            anchors[section] = slugs.Add(section.Heading);
            foreach (var sub in section.Subsections)
            {
                anchors[sub] = slugs.Add(sub.Heading);
            }
        }

        var md = new StringBuilder(24 * 1024);
        md.Append("# ").Append(MarkdownText.Escape(document.Title)).Append("\n\n");
        Blocks(md, document.Preamble, "");
        md.Append("## ").Append(MarkdownText.Escape(document.ContentsHeading)).Append("\n\n");
        foreach (var section in document.Sections)
        {
            md.Append("- [").Append(MarkdownText.Escape(section.Heading)).Append("](#").Append(anchors[section]).Append(")\n");
            foreach (var sub in section.Subsections)
            {
                md.Append("  - [").Append(MarkdownText.Escape(sub.Heading)).Append("](#").Append(anchors[sub]).Append(")\n");
            }
        }

        md.Append('\n');
        foreach (var section in document.Sections)
        {
            Section(md, section, 2);
        }

        // One trailing newline, however the last block ended.
        while (md.Length > 1 && md[^1] == '\n' && md[^2] == '\n')
        {
            md.Length--;
        }

        return md.ToString();
    }

    private static void Section(StringBuilder md, NoticeSection section, int level)
    {
        md.Append('#', level).Append(' ').Append(MarkdownText.Escape(section.Heading)).Append("\n\n");
        Blocks(md, section.Blocks, "");
        foreach (var sub in section.Subsections)
        {
            Section(md, sub, level + 1);
        }
    }

    private static void Blocks(StringBuilder md, IEnumerable<NoticeBlock> blocks, string prefix)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    md.Append(prefix).Append(Inline(p.Text)).Append('\n');
                    break;
                case ListBlock list:
                    foreach (var item in list.Items)
                    {
                        md.Append(prefix).Append("- ").Append(Inline(item)).Append('\n');
                    }

                    break;
                case FactsBlock facts:
                    // '*' rather than '-': a different bullet starts a new list, so facts never merge into a list just above.
                    foreach (var fact in facts.Facts)
                    {
                        md.Append(prefix).Append("* **").Append(MarkdownText.Escape(fact.Term)).Append(":** ").Append(Inline(fact.Value)).Append('\n');
                    }

                    break;
                case TableBlock table:
                    Table(md, table, prefix);
                    break;
                case CalloutBlock callout:
                    md.Append(prefix).Append("> **").Append(MarkdownText.Escape(callout.Title)).Append("**\n").Append(prefix).Append(">\n");
                    Blocks(md, callout.Blocks, prefix + "> ");

                    // Inner blocks end with an empty quoted line that separates them; the last one is not needed.
                    var separator = (prefix + ">").Length + 1;
                    if (md.Length >= separator && md.ToString(md.Length - separator, separator) == prefix + ">\n")
                    {
                        md.Length -= separator;
                    }

                    break;
                default:
                    throw new InvalidOperationException($"no Markdown for notice block {block.GetType().Name}");
            }

            md.Append(prefix.TrimEnd()).Append('\n');
        }
    }

    private static void Table(StringBuilder md, TableBlock table, string prefix)
    {
        md.Append(prefix).Append("**").Append(MarkdownText.Escape(table.Caption)).Append("**\n").Append(prefix.TrimEnd()).Append('\n');
        md.Append(prefix).Append('|');
        foreach (var column in table.Columns)
        {
            md.Append(' ').Append(MarkdownText.Escape(column)).Append(" |");
        }

        md.Append('\n').Append(prefix).Append('|');
        foreach (var _ in table.Columns)
        {
            md.Append(" --- |");
        }

        md.Append('\n');
        foreach (var row in table.Rows)
        {
            md.Append(prefix).Append('|');
            foreach (var cell in row.Cells)
            {
                var text = Inline(cell);
                md.Append(' ').Append(text.Length == 0 ? "—" : text).Append(" |");
            }

            md.Append('\n');
        }
    }

    private static string Inline(RichText text)
    {
        var sb = new StringBuilder();
        foreach (var span in text.Spans)
        {
            switch (span)
            {
                case StrongSpan s when s.Text.Trim().Length > 0:
                    sb.Append("**").Append(MarkdownText.Escape(s.Text.Trim())).Append("**");
                    break;
                case LinkSpan l:
                    sb.Append('[').Append(MarkdownText.Escape(l.Text)).Append("](<").Append(MarkdownText.Destination(l.Href)).Append(">)");
                    break;
                default:
                    sb.Append(MarkdownText.Escape(span.Text));
                    break;
            }
        }

        // Leading spaces would indent the line into a code block.
        return sb.ToString().TrimStart();
    }
}
