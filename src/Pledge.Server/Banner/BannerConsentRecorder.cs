using Pledge.Consent;
using Pledge.Server.Hosting;

namespace Pledge.Server.Banner;

/// <summary>
/// Records a browser's cookie choices in the ledger under its <c>cookie_id</c>: consent given or withdrawn for each
/// activity behind each category, and with Global Privacy Control one GPC withdrawal that covers every marketing and
/// sharing activity (an accept for those is then not recorded as consent).
/// </summary>
internal static class BannerConsentRecorder
{
    public static async Task<AppendResult[]> RecordAsync(PledgeSite site, string browserId, IReadOnlyDictionary<string, bool> choices, bool gpc,
        string key, EvidenceChannel channel, CancellationToken cancellationToken)
    {
        var subject = SubjectIdentifier.Create("cookie_id", browserId).Identifier!;
        var now = site.Store.Time.GetUtcNow();
        var signal = gpc ? ConsentSignal.GlobalPrivacyControl : ConsentSignal.None;
        Evidence Evidence(string what) => new(now, site.Version, channel, "subject", $"banner:{key}:{what}", signal);
        var events = new List<LedgerEvent>();
        if (gpc)
        {
            events.Add(new LedgerEvent(subject, LedgerEventKind.ConsentWithdrawn, null, Evidence("gpc")));
        }

        foreach (var category in site.Banner.Categories)
        {
            if (!choices.TryGetValue(category.Key, out var accepted))
            {
                continue;
            }

            foreach (var activity in category.Activities)
            {
                var given = accepted && !(gpc && category.RefusedByGpc);
                events.Add(new LedgerEvent(subject, given ? LedgerEventKind.ConsentGiven : LedgerEventKind.ConsentWithdrawn, activity, Evidence(activity)));
            }
        }

        return events.Count == 0 ? [] : await site.Ledger.AppendManyAsync(events, cancellationToken);
    }

    /// <summary>Whether the request carries the Global Privacy Control header.</summary>
    public static bool HasGpcHeader(HttpRequest request) => request.Headers["Sec-GPC"] == "1";
}
