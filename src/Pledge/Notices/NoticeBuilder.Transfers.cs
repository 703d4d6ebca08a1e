using Pledge.Policy.Defaults;

namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>
    /// Where data is stored, and Art. 13(1)(f), 14(1)(f): transfers to third countries, the safeguard relied on
    /// and how to obtain a copy of it.
    /// </summary>
    private NoticeSection StorageAndTransfers()
    {
        var blocks = new List<NoticeBlock>();
        var stored = _policy.Systems.Where(s => s.Country is not null).Select(s => Labelled(T(s.Name), _w.Country(s.Country!))).ToList();
        if (stored.Count > 0)
        {
            blocks.Add(P(_w["Storage.Systems"]));
            blocks.Add(new ListBlock([.. stored]));
        }

        var processorCountries = _policy.Processors.SelectMany(p => p.Locations).ToList();
        if (processorCountries.Count > 0)
        {
            blocks.Add(P(_w.Format("Storage.Processors", CountryNames(processorCountries))));
        }

        var transfers = TransferItems();
        if (transfers.Count == 0)
        {
            blocks.Add(P(_w["Transfers.None"]));
        }
        else
        {
            blocks.Add(P(_w["Transfers.Intro"]));
            blocks.Add(new ListBlock([.. transfers]));
            blocks.Add(P(new TextSpan(_w["Transfers.Copy"] + " "), ContactSpan()));
        }

        return Section("storage-and-transfers", "StorageAndTransfers", blocks);
    }

    /// <summary>Every transfer an activity states, then every processor location outside the EEA/UK that the activities do not already list.</summary>
    private List<RichText> TransferItems()
    {
        var home = _policy.Organisation.Authority.Country is { Length: 2 } c ? c : null;
        var items = new List<RichText>();
        var covered = new HashSet<(string? Recipient, string Country)>();
        foreach (var activity in _policy.Activities)
        {
            foreach (var t in activity.Transfers)
            {
                covered.Add((t.Recipient, t.Country));
                var recipient = t.Recipient is { } id && _policy.Processor(id) is { } p ? p.Name : null;
                var where = recipient is null ? _w.Country(t.Country) : _w.Format("Transfers.CountryRecipient", _w.Country(t.Country), recipient);
                items.Add(Labelled(ActivityName(activity), _w.Format("Transfers.Item", where, SafeguardText(t.Safeguard, t.Mechanism))));
            }
        }

        foreach (var processor in _policy.Processors)
        {
            foreach (var country in processor.Locations.Where(l => Countries.IsThirdCountry(l, home) && !covered.Contains((processor.Id, l))))
            {
                items.Add(Labelled(processor.Name, _w.Format("Transfers.Item", _w.Country(country), SafeguardText(processor.Safeguard, processor.Mechanism))));
            }
        }

        return items;
    }
}
