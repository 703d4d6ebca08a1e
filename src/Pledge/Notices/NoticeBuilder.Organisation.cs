using Pledge.Policy.Model;

namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>Art. 13(1)(a)-(b), 14(1)(a)-(b): the controller, its representatives and the DPO, with contact details.</summary>
    private NoticeSection WhoWeAre()
    {
        var org = _policy.Organisation;
        var blocks = new List<NoticeBlock>
        {
            P(_w.Format("Who.Controller", org.Controller.Name)),
            PartyFacts(org.Controller, org.Channels),
        };

        foreach (var rep in org.Representatives)
        {
            blocks.Add(P(_w.Format("Who.Representative", RegionName(rep.Region))));
            blocks.Add(PartyFacts(rep.Party, []));
        }

        if (org.Dpo is { } dpo)
        {
            blocks.Add(P(_w["Who.Dpo"]));
            blocks.Add(PartyFacts(dpo, []));
        }
        else
        {
            blocks.Add(P(_w["Who.NoDpo"]));
        }

        return Section("who-we-are", "WhoWeAre", blocks);
    }

    private FactsBlock PartyFacts(Party party, IEnumerable<ContactChannel> channels)
    {
        var facts = new List<NoticeFact> { Fact("Name", party.Name) };
        if (party.Registration is { } registration)
        {
            facts.Add(Fact("Registration", registration));
        }

        if (party.Address is { } address)
        {
            facts.Add(Fact("Address", address));
        }

        if (party.Email is { } email)
        {
            facts.Add(Fact("Email", NoticeLinks.Span(email, NoticeLinks.Email(email))));
        }

        if (party.Phone is { } phone)
        {
            facts.Add(Fact("Phone", phone));
        }

        if (party.Website is { } website)
        {
            facts.Add(Fact("Website", NoticeLinks.Span(website, NoticeLinks.Web(website))));
        }

        foreach (var channel in channels.Where(c => !(c.Kind == "email" && c.Value == party.Email) && !(c.Kind == "web" && c.Value == party.Website)))
        {
            facts.Add(new NoticeFact(ChannelLabel(channel), new RichText([ChannelSpan(channel)])));
        }

        return new FactsBlock([.. facts]);
    }

    private string ChannelLabel(ContactChannel channel) => channel.Label is { } label ? T(label) : _w["Channel." + channel.Kind];

    /// <summary>"in the European Union", "in the United Kingdom"; any other region as the policy writes it.</summary>
    private string RegionName(string region) => region.ToUpperInvariant() switch
    {
        "EU" or "EEA" => _w["Region.EU"],
        "UK" or "GB" => _w["Region.UK"],
        _ => _w.Format("Region.Other", region),
    };
}
