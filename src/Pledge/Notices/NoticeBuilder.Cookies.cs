namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>Cookies (ePrivacy Art. 5(3)): categories, which need consent, how to change the choice, and every cookie.</summary>
    private NoticeSection Cookies()
    {
        var cookies = _policy.Cookies;
        if (cookies.Items.IsEmpty)
        {
            return Section("cookies", "Cookies", [P(_w["Cookies.None"])]);
        }

        var blocks = new List<NoticeBlock>
        {
            P(_w["Cookies.Intro"]),
            P(_w.Format("Cookies.MaxLifetime", _w.Duration(cookies.MaxLifetime))),
        };

        var categories = _policy.Taxonomy.CookieCategories.Where(c => cookies.Items.Any(i => i.Category == c.Key)).Select(c =>
        {
            var rule = c.Essential ? _w["Cookies.Essential"] : _w["Cookies.NeedsConsent"];
            var text = c.Description is { } d ? T(d) + " " + rule : rule;
            return Labelled(T(c.Name), text);
        });
        blocks.Add(new ListBlock([.. categories]));

        var rows = cookies.Items.Select(c => new TableRow(
        [
            RichText.Plain(c.IsPattern ? _w.Format("Cookies.Pattern", c.Name) : c.Name),
            RichText.Plain(c.Provider.Length == 0 ? _policy.Organisation.Controller.Name : c.Provider),
            RichText.Plain(_w.Of(c.Party)),
            RichText.Plain(_policy.CookieCategory(c.Category) is { } category ? T(category.Name) : c.Category),
            RichText.Plain(T(c.Purpose)),
            RichText.Plain(c.Duration is { } d ? _w.Duration(d) : _w["Cookies.Session"]),
        ]));
        blocks.Add(new TableBlock(_w["Cookies.Caption"],
            [_w["Cookies.Name"], _w["Cookies.Provider"], _w["Cookies.Party"], _w["Cookies.Category"], _w["Cookies.Purpose"], _w["Cookies.Duration"]], [.. rows]));
        return Section("cookies", "Cookies", blocks);
    }
}
