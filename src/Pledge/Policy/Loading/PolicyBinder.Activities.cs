using System.Collections.Immutable;
using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

internal sealed partial class PolicyBinder
{
    private Activity BindActivity(YNode node)
    {
        var r = new MapReader(node, "an activity", diagnostics);
        var id = r.Id();
        var name = r.Text("name", required: true) ?? LocalizedText.Of(id);
        var description = r.Text("description");
        var purposes = r.Strings("purposes", required: true, missingMessage: $"activity '{id}' states no 'purposes'");
        var basis = r.Enum<LawfulBasis>("lawful_basis", required: true, Rules.NoLawfulBasis,
            $"activity '{id}' has no 'lawful_basis'; state one of: {string.Join(", ", EnumNames.All<LawfulBasis>().Take(6))}") ?? LawfulBasis.Contract;
        var interest = r.Text("legitimate_interest");
        var article9 = r.Enum<Article9Condition>("article9_condition");
        var subjects = r.Strings("subjects", required: true, missingMessage: $"activity '{id}' names no data 'subjects'");
        var categories = r.Strings("categories", required: true, missingMessage: $"activity '{id}' names no data 'categories'");
        var systems = r.Strings("systems");
        var source = BindSource(r.Node("source"), r);
        var provision = BindProvision(r.Node("provision"));
        var recipients = ImmutableArray.CreateBuilder<Recipient>();
        foreach (var item in r.Items("recipients"))
        {
            var i = new MapReader(item, "a recipient", diagnostics);
            var kind = i.String("kind") ?? (i.Has("processor") ? "processor" : "third_party");
            if (!RecipientKinds.Contains(kind))
            {
                diagnostics.Add(Rules.InvalidValue.At(i.Locations["kind"], $"'{kind}' is not a recipient kind{Suggestions.Hint(kind, RecipientKinds)}; expected one of: {string.Join(", ", RecipientKinds)}"));
            }

            recipients.Add(Attach(new Recipient(i.Text("name", required: true) ?? LocalizedText.Of(""), kind, i.Bool("anonymised", false), i.String("processor"), i.At), i));
        }

        var processors = r.Strings("processors");
        var transfers = ImmutableArray.CreateBuilder<Transfer>();
        foreach (var item in r.Items("transfers"))
        {
            var t = new MapReader(item, "a transfer", diagnostics);
            transfers.Add(Attach(new Transfer(Country(t, "country", required: true) ?? "", t.String("recipient"), t.Enum<TransferSafeguard>("safeguard"), t.Text("mechanism"), t.At), t));
        }

        var retention = r.Strings("retention", required: true, Rules.NoRetention,
            $"activity '{id}' has no 'retention': state how long its data is kept (Art. 5(1)(e), 13(2)(a))");
        var consent = BindConsent(r.Node("consent"));
        var objection = r.Enum<ObjectionRule>("objection");
        var directMarketing = r.Bool("direct_marketing", false);
        objection ??= directMarketing ? ObjectionRule.Absolute
            : basis is LawfulBasis.LegitimateInterests or LawfulBasis.PublicTask ? ObjectionRule.Balancing : ObjectionRule.None;
        var sharing = r.Bool("sharing", false);
        AutomatedDecision? automated = null;
        if (r.Node("automated_decisions") is { } ad)
        {
            var a = new MapReader(ad, "automated_decisions", diagnostics);
            automated = Attach(new AutomatedDecision(a.Text("logic", required: true) ?? LocalizedText.Of(""), a.Text("significance", required: true) ?? LocalizedText.Of("")), a);
        }

        var atCollection = r.Text("notice_at_collection");
        return Attach(new Activity(id, name, description, purposes, basis, interest, article9, subjects, categories, systems, source, provision,
            recipients.ToImmutable(), processors, transfers.ToImmutable(), retention, consent, objection.Value, directMarketing, sharing, automated, atCollection, r.At), r);
    }

    private static readonly string[] RecipientKinds = ["internal", "processor", "third_party", "authority", "public"];

    private DataSource BindSource(YNode? node, MapReader owner)
    {
        if (node is null)
        {
            return new DataSource(true, [], false);
        }

        if (node is YScalar s)
        {
            if (s.Value == "subject")
            {
                return new DataSource(true, [], false);
            }

            diagnostics.Add(Rules.InvalidValue.At(s.At, $"'source' is 'subject' or a mapping with 'subject', 'third_parties' and 'publicly_available', not '{s.Value}'"));
            return new DataSource(true, [], false);
        }

        var r = new MapReader(node, "source", diagnostics);
        var parties = ImmutableArray.CreateBuilder<LocalizedText>();
        foreach (var item in r.Items("third_parties"))
        {
            if (item is YScalar { IsNull: false } p)
            {
                parties.Add(LocalizedText.Of(p.Value));
            }
            else
            {
                var holder = new MapReader(new YMapping(item.At) { Entries = { new(new YScalar(item.At, "name", true), item) } }, "a third-party source", diagnostics);
                if (holder.Text("name") is { } t)
                {
                    parties.Add(t);
                }
            }
        }

        var source = new DataSource(r.Bool("subject", parties.Count == 0), parties.ToImmutable(), r.Bool("publicly_available", false));
        _ = owner;
        return Attach(source, r);
    }

    private Provision BindProvision(YNode? node)
    {
        if (node is null)
        {
            return new Provision(ProvisionRequirement.Voluntary, null);
        }

        var r = new MapReader(node, "provision", diagnostics);
        return Attach(new Provision(r.Enum<ProvisionRequirement>("requirement", required: true) ?? ProvisionRequirement.Voluntary, r.Text("consequence")), r);
    }

    private ConsentSettings BindConsent(YNode? node)
    {
        if (node is null)
        {
            return ConsentSettings.None;
        }

        var r = new MapReader(node, "consent", diagnostics);
        var mode = r.Enum<ConsentMode>("mode", required: true) ?? ConsentMode.None;
        return Attach(new ConsentSettings(mode, r.Text("withdrawal"), r.Duration("lifetime"), r.Text("collection")), r);
    }
}
