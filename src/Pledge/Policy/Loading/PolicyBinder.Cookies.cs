using Pledge.Diagnostics;
using Pledge.Policy.Defaults;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

internal sealed partial class PolicyBinder
{
    private void BindCookies(YNode node)
    {
        var r = new MapReader(node, "cookies", diagnostics);
        if (r.Duration("max_lifetime") is { } max && draft.Claim("cookies.max_lifetime", r.Locations["max_lifetime"], diagnostics))
        {
            draft.CookieMaxLifetime = max;
        }

        foreach (var item in r.Items("items"))
        {
            var c = new MapReader(item, "a cookie", diagnostics);
            var name = c.String("name");
            var pattern = c.String("pattern");
            if (name is null && pattern is null)
            {
                diagnostics.Add(Rules.MissingKey.At(c.At, "a cookie has a 'name' or a 'pattern' (such as '_ga_*')"));
            }

            var party = c.Enum<CookieParty>("party") ?? CookieParty.First;
            var category = c.String("category", required: true) ?? "";
            var purpose = c.Text("purpose", required: true) ?? LocalizedText.Of("");
            PolicyDuration? duration = null;
            if (c.String("duration", required: true) is { } d && d != "session")
            {
                if (PolicyDuration.TryParse(d, out var parsed, out var error))
                {
                    duration = parsed;
                }
                else
                {
                    diagnostics.Add(Rules.InvalidDuration.At(c.Locations["duration"], $"'duration': {error}, or 'session'"));
                }
            }

            var consent = c.Node("consent") is null ? (bool?)null : c.Bool("consent", true);
            var cookie = new Cookie(name ?? pattern ?? "", name is null && pattern is not null, c.String("provider") ?? "", party, category, purpose, duration,
                consent ?? true, c.String("processor"), c.At);
            draft.Cookies.Add(Attach(cookie, c));
            if (consent is null)
            {
                // Unstated consent is derived from the category once the taxonomy is known.
                UnstatedConsent.Add(cookie);
            }
        }

        r.Finish();
    }

    /// <summary>Cookies that did not say whether they need consent: derived from their category (essential or not).</summary>
    public List<Cookie> UnstatedConsent { get; } = [];

    private Processor BindProcessor(YNode node)
    {
        var r = new MapReader(node, "a processor", diagnostics);
        var id = r.Id();
        var name = r.String("name", required: true) ?? id;
        var role = r.Enum<ProcessorRole>("role") ?? ProcessorRole.Processor;
        var categories = r.Strings("categories");
        var purpose = r.Text("purpose", required: true) ?? LocalizedText.Of("");
        var locations = r.Strings("locations", required: true, missingMessage: $"processor '{id}' states no 'locations' (places of processing)");
        for (var i = 0; i < locations.Length; i++)
        {
            if (!Countries.IsCode(locations[i]))
            {
                diagnostics.Add(Rules.InvalidValue.At(r.ItemAt("locations", i), $"'{locations[i]}' is not an ISO 3166-1 alpha-2 country code"));
            }
        }

        return Attach(new Processor(id, name, role, categories, purpose, [.. locations.Select(l => l.ToUpperInvariant())], r.Enum<TransferSafeguard>("safeguard"), r.Text("mechanism"), r.String("website"), r.At), r);
    }

    private void BindTaxonomy(YNode node)
    {
        var r = new MapReader(node, "taxonomy", diagnostics);
        foreach (var item in r.Items("categories"))
        {
            var c = new MapReader(item, "a data category", diagnostics);
            var key = c.String("key", required: true) ?? "";
            draft.Categories.Add(Attach(new DataCategory(key, c.Text("name") ?? LocalizedText.Of(key), c.Text("description"), c.Bool("special", false), c.Bool("criminal", false)), c));
        }

        BindEntries(r, "purposes", "a purpose", draft.Purposes);
        BindEntries(r, "subjects", "a data subject", draft.Subjects);
        BindEntries(r, "identifiers", "an identifier", draft.Identifiers);
        foreach (var item in r.Items("cookie_categories"))
        {
            var c = new MapReader(item, "a cookie category", diagnostics);
            var key = c.String("key", required: true) ?? "";
            draft.CookieCategories.Add(Attach(new CookieCategory(key, c.Text("name") ?? LocalizedText.Of(key), c.Text("description"), c.Bool("essential", false)), c));
        }

        r.Finish();
    }

    private void BindEntries(MapReader r, string key, string what, List<TaxonomyEntry> into)
    {
        foreach (var item in r.Items(key))
        {
            var e = new MapReader(item, what, diagnostics);
            var k = e.String("key", required: true) ?? "";
            into.Add(Attach(new TaxonomyEntry(k, e.Text("name") ?? LocalizedText.Of(k), e.Text("description")), e));
        }
    }
}
