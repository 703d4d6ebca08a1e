using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Pledge.Notices;

namespace Pledge.Tests.Notices;

/// <summary>
/// A rendered notice read back as a reader sees it: plain text with markup and escapes removed and whitespace
/// collapsed, as a whole and section by section (by heading text). Lets one check state facts in both formats.
/// </summary>
internal sealed partial class RenderedNotice
{
    private readonly Dictionary<string, List<string>> _sections;

    private RenderedNotice(string raw, string text, Dictionary<string, List<string>> sections, string callouts)
    {
        Raw = raw;
        Text = text;
        _sections = sections;
        Callouts = callouts;
    }

    /// <summary>The output as rendered.</summary>
    public string Raw { get; }

    /// <summary>All the text a reader sees.</summary>
    public string Text { get; }

    /// <summary>The text set apart in call-outs (HTML aside, Markdown block quote).</summary>
    public string Callouts { get; }

    /// <summary>The text of the section(s) headed <paramref name="heading"/>, with their subsections; empty when there is none.</summary>
    public string Section(string heading) =>
        _sections.TryGetValue(Normalise(heading), out var texts) ? string.Join(" ¶ ", texts) : "";

    public static RenderedNotice Parse(string raw, NoticeFormat format) => format == NoticeFormat.Html ? ParseHtml(raw) : ParseMarkdown(raw);

    public static XDocument LoadXml(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    public static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    private static RenderedNotice ParseHtml(string html)
    {
        var doc = LoadXml(html);
        var body = doc.Root!.Element("body")!;
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var section in body.Descendants("section"))
        {
            var heading = section.Elements().First(e => e.Name.LocalName is "h2" or "h3");
            Add(sections, heading.Value, section.Value);
        }

        var callouts = string.Join(" ", body.Descendants("aside").Select(a => Normalise(a.Value)));
        return new RenderedNotice(html, Normalise(body.Value), sections, callouts);
    }

    private static RenderedNotice ParseMarkdown(string md)
    {
        var lines = md.Split('\n');
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var headings = new List<(int Line, int Level, string Text)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Heading().Match(lines[i]);
            if (m.Success)
            {
                headings.Add((i, m.Groups[1].Length, Plain(m.Groups[2].Value)));
            }
        }

        for (var h = 0; h < headings.Count; h++)
        {
            var (line, level, text) = headings[h];
            var end = headings.Skip(h + 1).FirstOrDefault(o => o.Level <= level).Line;
            end = end == 0 ? lines.Length : end;
            Add(sections, text, Plain(string.Join("\n", lines[line..end])));
        }

        var callouts = string.Join(" ", lines.Where(l => l.StartsWith('>')).Select(l => Plain(l.TrimStart('>'))));
        return new RenderedNotice(md, Plain(md), sections, Normalise(callouts));
    }

    private static void Add(Dictionary<string, List<string>> sections, string heading, string text)
    {
        var key = Normalise(heading);
        if (!sections.TryGetValue(key, out var list))
        {
            sections[key] = list = [];
        }

        list.Add(Normalise(text));
    }

    /// <summary>Markdown as a reader sees it: links as their text, no emphasis markers, no heading or list markers, escapes resolved.</summary>
    private static string Plain(string md)
    {
        var s = Link().Replace(md, "$1");
        s = s.Replace("**", "", StringComparison.Ordinal);
        var sb = new StringBuilder(s.Length);
        foreach (var line in s.Split('\n'))
        {
            sb.Append(ListOrHeadingMarker().Replace(line, "")).Append('\n');
        }

        return Normalise(Escape().Replace(sb.ToString(), "$1"));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(#{1,6}) (.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[((?:\\.|[^\]])*)\]\(<[^>]*>\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^(?:>\s?)*(?:#{1,6} |[-*] |\|)?")]
    private static partial Regex ListOrHeadingMarker();

    [GeneratedRegex(@"\\([\\`*_\[\]<>|~&#.)+=!-])")]
    private static partial Regex Escape();
}
