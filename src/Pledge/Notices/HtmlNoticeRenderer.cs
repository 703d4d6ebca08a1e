using System.Reflection;
using System.Text;

namespace Pledge.Notices;

/// <summary>
/// Renders a <see cref="NoticeDocument"/> as a standalone HTML5 page: <c>&lt;html lang&gt;</c>, one <c>h1</c>,
/// headings in order, a table of contents with anchors, tables with header scopes, an embedded stylesheet with
/// good contrast and a print layout, and no JavaScript. Every text is HTML-encoded; the markup is also
/// well-formed XML (void elements self-closed), so it can be checked or post-processed with an XML parser.
/// Stateless and thread safe.
/// </summary>
public static class HtmlNoticeRenderer
{
    private static readonly Lazy<string> Css = new(LoadCss);

    /// <summary>The complete page for <paramref name="document"/>.</summary>
    public static string Render(NoticeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(document.Language)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(Encode(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Css.Value).Append("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">").Append(Encode(document.SkipLink)).Append("</a>\n<header>\n<h1>")
            .Append(Encode(document.Title)).Append("</h1>\n");
        Blocks(html, document.Preamble, 2);
        html.Append("</header>\n<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">").Append(Encode(document.ContentsHeading)).Append("</h2>\n");
        Contents(html, document.Sections);
        html.Append("</nav>\n<main id=\"main\">\n");
        foreach (var section in document.Sections)
        {
            Section(html, section, 2);
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Contents(StringBuilder html, IReadOnlyList<NoticeSection> sections)
    {
        html.Append("<ol>\n");
        foreach (var section in sections)
        {
            html.Append("<li><a href=\"#").Append(Encode(section.Id)).Append("\">").Append(Encode(section.Heading)).Append("</a>");
            if (section.Subsections.Length > 0)
            {
                html.Append('\n');
                Contents(html, section.Subsections);
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
    }

    private static void Section(StringBuilder html, NoticeSection section, int level)
    {
        var id = Encode(section.Id);
        html.Append("<section aria-labelledby=\"").Append(id).Append("\">\n<h").Append(level).Append(" id=\"").Append(id).Append("\">")
            .Append(Encode(section.Heading)).Append("</h").Append(level).Append(">\n");
        Blocks(html, section.Blocks, level + 1);
        foreach (var sub in section.Subsections)
        {
            Section(html, sub, level + 1);
        }

        html.Append("</section>\n");
    }

    private static void Blocks(StringBuilder html, IEnumerable<NoticeBlock> blocks, int headingLevel)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    html.Append("<p>");
                    Inline(html, p.Text);
                    html.Append("</p>\n");
                    break;
                case ListBlock list:
                    html.Append("<ul>\n");
                    foreach (var item in list.Items)
                    {
                        html.Append("<li>");
                        Inline(html, item);
                        html.Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                    break;
                case FactsBlock facts:
                    html.Append("<dl>\n");
                    foreach (var fact in facts.Facts)
                    {
                        html.Append("<dt>").Append(Encode(fact.Term)).Append("</dt>\n<dd>");
                        Inline(html, fact.Value);
                        html.Append("</dd>\n");
                    }

                    html.Append("</dl>\n");
                    break;
                case TableBlock table:
                    Table(html, table);
                    break;
                case CalloutBlock callout:
                    // A heading one level below the section's keeps the outline in order for screen readers.
                    html.Append("<aside class=\"callout\">\n<h").Append(headingLevel).Append('>').Append(Encode(callout.Title))
                        .Append("</h").Append(headingLevel).Append(">\n");
                    Blocks(html, callout.Blocks, headingLevel + 1);
                    html.Append("</aside>\n");
                    break;
                default:
                    throw new InvalidOperationException($"no HTML for notice block {block.GetType().Name}");
            }
        }
    }

    private static void Table(StringBuilder html, TableBlock table)
    {
        // A table wider than the screen scrolls inside its wrapper; tabindex lets a keyboard user scroll it (WCAG 2.1.1),
        // and the region's name, the caption, says what it is when it takes focus.
        html.Append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").Append(Encode(table.Caption)).Append("\">\n<table>\n<caption>")
            .Append(Encode(table.Caption)).Append("</caption>\n<thead>\n<tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\">").Append(Encode(column)).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Cells.Length; i++)
            {
                html.Append(i == 0 ? "<th scope=\"row\">" : "<td>");
                Inline(html, row.Cells[i]);
                html.Append(i == 0 ? "</th>" : "</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Inline(StringBuilder html, RichText text)
    {
        foreach (var span in text.Spans)
        {
            switch (span)
            {
                case StrongSpan s:
                    html.Append("<strong>").Append(Encode(s.Text)).Append("</strong>");
                    break;
                case LinkSpan l:
                    // Printed pages cannot be clicked: print the address after links whose text does not show it.
                    var shown = l.Href.StartsWith("mailto:", StringComparison.Ordinal) ? l.Href[7..] : l.Href;
                    var print = string.Equals(shown.TrimEnd('/'), l.Text.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase) ? "" : " class=\"print-href\"";
                    html.Append("<a href=\"").Append(Encode(l.Href)).Append('"').Append(print).Append('>').Append(Encode(l.Text)).Append("</a>");
                    break;
                default:
                    html.Append(Encode(span.Text));
                    break;
            }
        }
    }

    /// <summary>Encodes text for element content and double-quoted attributes; characters XML forbids become U+FFFD.</summary>
    internal static string Encode(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': sb.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static string LoadCss()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pledge.Notices.Resources.notice.css")
            ?? throw new InvalidOperationException("notice.css is not embedded in the Pledge assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
