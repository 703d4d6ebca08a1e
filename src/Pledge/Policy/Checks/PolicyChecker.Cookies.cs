using Pledge.Diagnostics;
using Pledge.Policy.Defaults;

namespace Pledge.Policy.Checks;

internal sealed partial class PolicyChecker
{
    private void CheckCookies()
    {
        var max = policy.Cookies.MaxLifetime;
        foreach (var cookie in policy.Cookies.Items)
        {
            var category = policy.CookieCategory(cookie.Category);
            if (category is null)
            {
                Report(Rules.UnknownReference, cookie, "category", cookie.At,
                    $"cookie '{cookie.Name}': unknown cookie category '{cookie.Category}'{Hint(cookie.Category, policy.Taxonomy.CookieCategories.Select(c => c.Key))}");
            }
            else if (!category.Essential && !cookie.Consent)
            {
                Report(Rules.CookieWithoutConsent, cookie, "consent", cookie.At,
                    $"cookie '{cookie.Name}' is {category.Key}, not strictly necessary, but is set without consent");
            }

            if (cookie.Duration is { } d && d.ApproximateDays > max.ApproximateDays)
            {
                Report(Rules.CookieTooLong, cookie, "duration", cookie.At, $"cookie '{cookie.Name}' lasts {d}, longer than the policy's maximum of {max}");
            }

            if (cookie.Processor is { } p && policy.Processor(p) is null)
            {
                Report(Rules.UndeclaredProcessor, cookie, "processor", cookie.At, $"cookie '{cookie.Name}' is set for processor '{p}', which is not declared under 'processors'");
            }
        }
    }

    private void CheckProcessors()
    {
        var used = policy.Activities.SelectMany(a => a.Processors.Concat(a.Recipients.Select(r => r.Processor).OfType<string>())
                .Concat(a.Transfers.Select(t => t.Recipient).OfType<string>()))
            .Concat(policy.Cookies.Items.Select(c => c.Processor).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var processor in policy.Processors)
        {
            if (!used.Contains(processor.Id))
            {
                Report(Rules.UnusedProcessor, processor, "id", processor.At, $"processor '{processor.Id}' is declared but no activity or cookie uses it");
            }

            for (var i = 0; i < processor.Categories.Length; i++)
            {
                if (policy.Category(processor.Categories[i]) is null)
                {
                    Report(Rules.UnknownReference, processor, "categories", processor.At,
                        $"processor '{processor.Id}': unknown data category '{processor.Categories[i]}'{Hint(processor.Categories[i], policy.Taxonomy.Categories.Select(c => c.Key))}", i);
                }
            }

            foreach (var country in processor.Locations.Where(c => Countries.IsCode(c)))
            {
                CheckDestination(country, processor.Safeguard, processor.Mechanism is not null, processor, "safeguard", processor.At, $"processor '{processor.Id}' processing in {country}");
            }
        }
    }

    private void CheckNotice()
    {
        var notice = policy.Notice;
        if (!notice.History.IsEmpty && notice.History.All(h => h.Version != notice.Version))
        {
            Report(Rules.NoticeHistory, notice, "version", default, $"notice version '{notice.Version}' has no entry in 'notice.history'");
        }
    }
}
