using Microsoft.Extensions.Time.Testing;
using Pledge.Policy.Loading;
using Pledge.Server.Banner;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server;

public sealed class CookieBannerTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    private static CookieBanner Generate(string path) => CookieBanner.Generate(PolicyLoader.Load(path).Policy!, Time);

    [Fact]
    public void GzippedSize_ExampleBanner_IsAtMostSixKilobytes()
    {
        var banner = Generate(Repo.ExamplePolicy);

        // The budget of issue 7: vanilla-cookieconsent is 15.5 KB gzipped and has no GPC.
        Assert.True(banner.GzippedSize() <= 6 * 1024, $"banner JS+CSS is {banner.GzippedSize()} bytes gzipped");
    }

    [Fact]
    public void Generate_Example_AsksAboutNonEssentialCategoriesWithTheirActivities()
    {
        var banner = Generate(Repo.ExamplePolicy);

        Assert.Equal(["functional", "analytics", "marketing"], banner.Categories.Select(c => c.Key));
        Assert.Equal(["website-analytics"], banner.Category("analytics")!.Activities.ToArray());
        Assert.Equal(["campaign-tracking"], banner.Category("marketing")!.Activities.ToArray());
        Assert.True(banner.Category("marketing")!.RefusedByGpc);
        Assert.False(banner.Category("analytics")!.RefusedByGpc);
        Assert.Equal("farlink_consent", banner.CookieName);
        Assert.Contains("\"_mt_*\"", banner.Script, StringComparison.Ordinal);
        Assert.Contains(banner.Terms, banner.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxAgeSeconds_Example_IsTheShortestConsentLifetimeWithinThePolicyMaximum()
    {
        var banner = Generate(Repo.ExamplePolicy);

        // Cookies may live 2 years; consent to the activities behind them lasts 1 year.
        Assert.Equal((long)TimeSpan.FromDays(365).TotalSeconds, banner.MaxAgeSeconds);
    }

    [Fact]
    public void Terms_CookieListChanged_ChangesSoTheBannerAsksAgain()
    {
        using var copy = PolicyCopy.OfExample().Replace("policy.yaml", "duration: 90 days", "duration: 180 days");

        Assert.NotEqual(Generate(Repo.ExamplePolicy).Terms, Generate(copy.Root).Terms);
    }

    [Fact]
    public void Terms_EditorialChangeElsewhere_StaysTheSame()
    {
        using var copy = PolicyCopy.OfExample().Replace("policy.yaml", "Annual penetration tests", "Yearly penetration tests");

        var before = Generate(Repo.ExamplePolicy);
        var after = Generate(copy.Root);
        Assert.Equal(before.Terms, after.Terms);
    }

    [Fact]
    public void Read_CookieForOtherTermsOrLapsed_IsNull()
    {
        var now = Time.GetUtcNow();
        var id = ConsentCookie.NewId();
        var valid = new ConsentCookie("abc", id, now.ToUnixTimeSeconds() + 60, ["analytics"]).ToString();

        Assert.Equal(["analytics"], ConsentCookie.Read(valid, "abc", now)!.Accepted.ToArray());
        Assert.Null(ConsentCookie.Read(valid, "def", now));
        Assert.Null(ConsentCookie.Read(valid, "abc", now.AddMinutes(2)));
        Assert.Null(ConsentCookie.Read("abc.not-an-id.1.x", "abc", now));
    }
}
