using System.Collections.Immutable;
using Pledge.Policy.Defaults;
using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Records;

/// <summary>Builds a <see cref="RecordOfProcessing"/> from a policy, taking text in one language.</summary>
internal sealed partial class RecordBuilder(Policy.Model.Policy policy, string? language)
{
    private readonly string _language = language ?? policy.Notice.DefaultLanguage;

    private string? Home => policy.Organisation.Authority.Country is { Length: 2 } c ? c : null;

    public RecordOfProcessing Build() => new(
        new RecordMetadata(policy.Notice.Version, policy.Notice.Effective, _language),
        BuildController(),
        [.. policy.SecurityMeasures.Select(Text)],
        [.. policy.Activities.Select(BuildActivity)]);

    private string Text(LocalizedText text) => text.In(_language);

    private string? OptionalText(LocalizedText? text) => text?.In(_language);

    private ControllerEntry BuildController()
    {
        var org = policy.Organisation;
        var joint = policy.Processors.Where(p => p.Role == ProcessorRole.JointController)
            .Select(p => new JointControllerEntry(p.Id, p.Name, Text(p.Purpose), p.Locations, p.Website));
        var authority = org.Authority.Name.Length == 0 ? "" : $"{org.Authority.Name} ({org.Authority.Country})";
        return new ControllerEntry(Party(org.Controller), [.. org.Representatives.Select(r => new RepresentativeEntry(r.Region, Party(r.Party)))],
            org.Dpo is null ? null : Party(org.Dpo), [.. joint], authority);
    }

    private static PartyEntry Party(Party p) => new(p.Name, p.Registration, p.Address, p.Email, p.Phone, p.Website);

    private ActivityEntry BuildActivity(Activity a)
    {
        var processorIds = ProcessorsOf(a).ToList();
        return new ActivityEntry(
            a.Id,
            Text(a.Name),
            OptionalText(a.Description),
            [.. processorIds.Select(policy.Processor).OfType<Processor>().Where(p => p.Role == ProcessorRole.JointController).Select(p => p.Name)],
            [.. a.Purposes.Select(k => new KeyedName(k, policy.Purpose(k) is { } p ? Text(p.Name) : k))],
            EnumNames.Of(a.Basis),
            LegalReferences.Of(a.Basis),
            OptionalText(a.LegitimateInterest),
            a.Article9 is { } c9 ? EnumNames.Of(c9) : null,
            a.Article9 is { } r9 ? LegalReferences.Of(r9) : null,
            [.. a.Subjects.Select(k => new KeyedName(k, policy.Subject(k) is { } s ? Text(s.Name) : k))],
            [.. a.Categories.Select(Category)],
            [.. policy.SpecialCategoriesOf(a).Select(k => new KeyedName(k, policy.Category(k) is { } c ? Text(c.Name) : k))],
            new SourceEntry(a.Source.FromSubject, [.. a.Source.ThirdParties.Select(Text)], a.Source.PubliclyAvailable),
            Recipients(a, processorIds),
            Transfers(a, processorIds),
            [.. a.Retention.Select(policy.RetentionRule).OfType<RetentionRule>().Select(Retention)],
            new ConsentEntry(EnumNames.Of(a.Consent.Mode), a.Consent.Lifetime?.ToString(), OptionalText(a.Consent.Withdrawal), OptionalText(a.Consent.Collection)),
            EnumNames.Of(a.Objection),
            a.DirectMarketing,
            a.AutomatedDecisions is { } ad ? new AutomatedDecisionEntry(Text(ad.Logic), Text(ad.Significance)) : null,
            a.Systems);
    }

    private CategoryEntry Category(string key)
    {
        var name = policy.Category(key) is { } c ? Text(c.Name) : key;
        return new CategoryEntry(key, name, policy.IsSpecial(key), Ancestry(key).Any(k => policy.Category(k) is { Criminal: true }));
    }

    /// <summary>The key and each of its ancestors: <c>a.b.c</c>, <c>a.b</c>, <c>a</c>.</summary>
    private static IEnumerable<string> Ancestry(string key)
    {
        for (var k = key; k is not null; k = k.LastIndexOf('.') is var i and > 0 ? k[..i] : null)
        {
            yield return k;
        }
    }

    /// <summary>Every declared processor the activity names: in its processors, recipients and transfers, first mention first.</summary>
    private static IEnumerable<string> ProcessorsOf(Activity a) =>
        a.Processors.Concat(a.Recipients.Select(r => r.Processor).OfType<string>())
            .Concat(a.Transfers.Select(t => t.Recipient).OfType<string>())
            .Distinct(StringComparer.Ordinal);

    private ImmutableArray<RecipientEntry> Recipients(Activity a, List<string> processorIds)
    {
        var result = ImmutableArray.CreateBuilder<RecipientEntry>();
        foreach (var r in a.Recipients)
        {
            var p = r.Processor is null ? null : policy.Processor(r.Processor);
            result.Add(new RecipientEntry(Text(r.Name), r.Kind, r.Processor, p is null ? null : EnumNames.Of(p.Role),
                p?.Locations ?? [], p is null ? [] : ThirdCountries(p.Locations), r.Anonymised));
        }

        var named = a.Recipients.Select(r => r.Processor).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var p in processorIds.Where(id => !named.Contains(id)).Select(policy.Processor).OfType<Processor>())
        {
            result.Add(new RecipientEntry(p.Name, "processor", p.Id, EnumNames.Of(p.Role), p.Locations, ThirdCountries(p.Locations), false));
        }

        return result.ToImmutable();
    }

    private ImmutableArray<string> ThirdCountries(ImmutableArray<string> locations) => [.. locations.Where(IsThirdCountry)];

    /// <summary>
    /// Outside the controller's home: the EEA for an EU controller, the UK for a UK one. Adequate countries count
    /// too: a transfer to them is still a transfer the record lists, with adequacy as its safeguard.
    /// </summary>
    private bool IsThirdCountry(string country) => Home == "GB" ? country != "GB" : !Countries.IsEea(country);

    private ImmutableArray<TransferEntry> Transfers(Activity a, List<string> processorIds)
    {
        var result = ImmutableArray.CreateBuilder<TransferEntry>();
        foreach (var t in a.Transfers)
        {
            var recipient = t.Recipient is null ? null : policy.Processor(t.Recipient)?.Name ?? t.Recipient;
            result.Add(Transfer(t.Country, recipient, t.Safeguard, OptionalText(t.Mechanism), fromProcessor: false));
        }

        foreach (var p in processorIds.Select(policy.Processor).OfType<Processor>())
        {
            foreach (var country in p.Locations.Where(IsThirdCountry))
            {
                var stated = a.Transfers.Any(t => t.Country == country && (t.Recipient is null || t.Recipient == p.Id));
                if (!stated)
                {
                    result.Add(Transfer(country, p.Name, p.Safeguard, OptionalText(p.Mechanism), fromProcessor: true));
                }
            }
        }

        return result.ToImmutable();
    }

    private TransferEntry Transfer(string country, string? recipient, TransferSafeguard? stated, string? mechanism, bool fromProcessor)
    {
        // A destination with full adequacy needs no stated safeguard; the record still names what makes it lawful.
        var safeguard = stated ?? (Countries.Adequacy(country, Home).Full ? TransferSafeguard.Adequacy : null);
        return new TransferEntry(country, recipient, safeguard is { } s ? EnumNames.Of(s) : null, safeguard is { } r ? LegalReferences.Of(r) : null,
            mechanism, safeguard == TransferSafeguard.Derogation, fromProcessor);
    }
}
