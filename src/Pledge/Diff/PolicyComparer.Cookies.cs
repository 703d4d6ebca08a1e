using Pledge.Policy.Model;

namespace Pledge.Diff;

internal sealed partial class PolicyComparer
{
    /// <summary>Cookies are asked for in the banner, not per activity: their changes carry no activity id.</summary>
    private void CompareCookies()
    {
        var (oldMax, newMax) = (old.Cookies.MaxLifetime, @new.Cookies.MaxLifetime);
        if (newMax.ApproximateDays > oldMax.ApproximateDays)
        {
            Material("cookies.max_lifetime", ChangeKind.Changed, null, $"cookies: maximum lifetime {oldMax} → {newMax} (longer)", Reasons.LongerCookie);
        }
        else if (newMax != oldMax)
        {
            Editorial("cookies.max_lifetime", ChangeKind.Changed, null, $"cookies: maximum lifetime {oldMax} → {newMax}", Reasons.Stricter);
        }

        var (added, removed, both) = Match(old.Cookies.Items, @new.Cookies.Items, c => c.Name);
        foreach (var c in added)
        {
            var essential = @new.CookieCategory(c.Category)?.Essential == true;
            var description = $"new {c.Category} cookie '{c.Name}' ({Lifetime(c.Duration)}{(c.Party == CookieParty.Third ? ", third party" : "")})";
            if (essential)
            {
                Editorial($"cookies.{c.Name}", ChangeKind.Added, null, description, Reasons.EssentialCookie);
            }
            else
            {
                Material($"cookies.{c.Name}", ChangeKind.Added, null, description, Reasons.NewCookie);
            }
        }

        foreach (var c in removed)
        {
            Editorial($"cookies.{c.Name}", ChangeKind.Removed, null, $"cookie '{c.Name}' removed (narrows processing)", Reasons.Narrowing);
        }

        foreach (var (a, b) in both)
        {
            CompareCookie(a, b);
        }
    }

    private void CompareCookie(Cookie a, Cookie b)
    {
        var at = $"cookies.{b.Name}";
        var who = $"cookie '{b.Name}'";
        var was = a.Duration?.ApproximateDays ?? 0;
        var now = b.Duration?.ApproximateDays ?? 0;
        if (now > was)
        {
            Material($"{at}.duration", ChangeKind.Changed, null, $"{who} duration {Lifetime(a.Duration)} → {Lifetime(b.Duration)} (longer)", Reasons.LongerCookie);
        }
        else if (a.Duration != b.Duration)
        {
            Editorial($"{at}.duration", ChangeKind.Changed, null, $"{who} duration {Lifetime(a.Duration)} → {Lifetime(b.Duration)}", now < was ? Reasons.Narrowing : Reasons.SameLength);
        }

        var wasEssential = old.CookieCategory(a.Category)?.Essential == true;
        var isEssential = @new.CookieCategory(b.Category)?.Essential == true;
        if (a.Category != b.Category)
        {
            var change = $"{who} category {a.Category} → {b.Category}";
            if (wasEssential && !isEssential)
            {
                Material($"{at}.category", ChangeKind.Changed, null, change + " (now needs consent)", Reasons.NewCookie);
            }
            else
            {
                Editorial($"{at}.category", ChangeKind.Changed, null, change, isEssential ? Reasons.Narrowing : Reasons.Wording);
            }
        }

        if (a.Party == CookieParty.First && b.Party == CookieParty.Third)
        {
            Material($"{at}.party", ChangeKind.Changed, null, $"{who} now set by a third party ({b.Provider})", Reasons.LongerCookie);
        }
        else if (a.Party != b.Party)
        {
            Editorial($"{at}.party", ChangeKind.Changed, null, $"{who} now first party", Reasons.Narrowing);
        }

        if (b.Processor is not null && a.Processor != b.Processor)
        {
            Material($"{at}.processor", ChangeKind.Changed, null, $"{who} now read by processor '{b.Processor}'", Reasons.LongerCookie);
        }
        else if (a.Processor != b.Processor)
        {
            Editorial($"{at}.processor", ChangeKind.Removed, null, $"{who} no longer read by processor '{a.Processor}'", Reasons.Narrowing);
        }

        if (a.Consent && !b.Consent)
        {
            Editorial($"{at}.consent", ChangeKind.Changed, null, $"{who} no longer asks for consent (strictly necessary)", Reasons.Wording);
        }

        if (a.Provider != b.Provider)
        {
            Editorial($"{at}.provider", ChangeKind.Changed, null, $"{who} provider '{a.Provider}' → '{b.Provider}'", Reasons.Renamed);
        }

        Wording($"{at}.purpose", null, $"{who} purpose", a.Purpose, b.Purpose);
    }

    private static string Lifetime(PolicyDuration? d) => d?.ToString() ?? "session";
}
