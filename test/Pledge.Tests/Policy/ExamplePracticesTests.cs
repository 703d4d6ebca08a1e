using Pledge.Policy.Model;
using Pledge.Tests.Support;

namespace Pledge.Tests.Policy;

/// <summary>
/// The example vendor's policy states every practice of DESIGN.md's table (each taken from a real vendor's
/// privacy policy), in the form the engines will enforce. One test per practice.
/// </summary>
public sealed class ExamplePracticesTests
{
    private static readonly Lazy<Pledge.Policy.Model.Policy> Example = new(() => Pledge.Policy.Loading.PolicyLoader.Load(Repo.ExamplePolicy).Policy!);

    private static Pledge.Policy.Model.Policy P => Example.Value;

    [Fact]
    public void Practice_PerActivityPurposeAndLawfulBasis_AllFourBasesUsed()
    {
        var bases = P.Activities.Select(a => a.Basis).ToHashSet();

        Assert.Superset(new HashSet<LawfulBasis> { LawfulBasis.Contract, LawfulBasis.Consent, LawfulBasis.LegitimateInterests, LawfulBasis.LegalObligation }, bases);
        Assert.All(P.Activities, a => Assert.NotEmpty(a.Purposes));
    }

    [Fact]
    public void Practice_UsageDataOnlyWhileOptionOn_OptOutWithWithdrawal()
    {
        var telemetry = P.Activity("usage-telemetry")!;

        Assert.Equal(ConsentMode.OptOut, telemetry.Consent.Mode);
        Assert.Contains("Send usage data", telemetry.Consent.Withdrawal!.Default, StringComparison.Ordinal);
    }

    [Fact]
    public void Practice_ClearedOnViewerSignOut_EventTriggeredDeletion()
    {
        var rule = P.RetentionRule("viewer-cache-on-sign-out")!;

        Assert.Equal("viewer.signed_out", rule.Trigger);
        Assert.Equal(RetentionAction.Delete, rule.Action);
        Assert.Contains(P.Events, e => e.Id == rule.Trigger);
    }

    [Fact]
    public void Practice_SupportLogsOneWeekAfterEnquiryClosed_AnchoredOnTheTicket()
    {
        var rule = P.RetentionRule("support-logs-one-week")!;

        Assert.Equal(("support_logs", "support_tickets", "closed_at"), (rule.Table, rule.Anchor!.Table, rule.Anchor.Column));
        Assert.Equal(7, rule.Period!.Value.ApproximateDays);
    }

    [Fact]
    public void Practice_UsersBlankOutIdentifiersInLogs_StatedAtCollection()
    {
        var text = P.Activity("customer-support")!.NoticeAtCollection!.Default;

        Assert.Contains("IP addresses, usernames and computer names", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("website-technical-30-days", "web_requests", 0, 0, 30)]
    [InlineData("chats-13-months", "chat_transcripts", 0, 13, 0)]
    [InlineData("subscribers-12-months", "subscribers", 0, 12, 0)]
    [InlineData("crm-sales-four-years", "crm_contacts", 4, 0, 0)]
    [InlineData("crm-support-seven-years", "crm_contacts", 7, 0, 0)]
    [InlineData("events-three-months", "event_registrations", 0, 3, 0)]
    [InlineData("competitions-six-months", "event_registrations", 0, 6, 0)]
    public void Practice_TimedRetention_PeriodOnTable(string id, string table, int years, int months, int days)
    {
        var rule = P.RetentionRule(id)!;

        Assert.Equal(table, rule.Table);
        Assert.Equal(new PolicyDuration(years, months, days), rule.Period);
    }

    [Fact]
    public void Practice_SubscribersUntilTheyBecomeMembers_SecondRuleOnMemberSince()
    {
        var twelveMonths = P.RetentionRule("subscribers-12-months")!;
        var member = P.RetentionRule("subscribers-become-members")!;

        Assert.Contains(twelveMonths.When, c => c is ColumnIsNull { Column: "member_since", IsNull: true });
        Assert.Equal(("member_since", PolicyDuration.Zero), (member.Anchor!.Column, member.Period!.Value));
    }

    [Fact]
    public void Practice_CrmMinimisedIfNothingBought_ConditionOnOrders()
    {
        foreach (var id in new[] { "crm-sales-four-years", "crm-support-seven-years" })
        {
            var rule = P.RetentionRule(id)!;
            Assert.Contains(rule.When, c => c is NoRowsIn { Table: "crm_orders" });
            Assert.Equal(RetentionAction.Anonymise, rule.Action);
        }

        Assert.Equal(RetentionAction.Minimise, P.RetentionRule("crm-minimise-inactive")!.Action);
    }

    [Fact]
    public void Practice_ProcessorsListed_WithCategoriesPurposeAndPlace()
    {
        Assert.True(P.Processors.Length >= 5);
        Assert.All(P.Processors, p =>
        {
            Assert.NotEmpty(p.Locations);
            Assert.NotEmpty(p.Purpose.Default);
            Assert.NotEmpty(p.Categories);
        });
    }

    [Fact]
    public void Practice_TransfersOutsideEeaUk_AlwaysWithSafeguard()
    {
        var transfers = P.Activities.SelectMany(a => a.Transfers).ToList();

        Assert.NotEmpty(transfers);
        Assert.All(transfers, t => Assert.NotNull(t.Safeguard));
        Assert.Contains(transfers, t => t.Safeguard == TransferSafeguard.Adequacy);
        Assert.Contains(transfers, t => t.Safeguard is TransferSafeguard.UkIdta or TransferSafeguard.UkAddendum or TransferSafeguard.StandardContractualClauses);
    }

    [Fact]
    public void Practice_CookiesByCategory_NonEssentialNeedConsentAndExpireWithinTwoYears()
    {
        Assert.Equal(new PolicyDuration(2, 0, 0), P.Cookies.MaxLifetime);
        Assert.True(P.Cookies.Items.Select(c => c.Category).Distinct().Count() >= 4);
        Assert.All(P.Cookies.Items.Where(c => !P.CookieCategory(c.Category)!.Essential), c => Assert.True(c.Consent));
        Assert.All(P.Cookies.Items, c => Assert.True((c.Duration?.ApproximateDays ?? 0) <= P.Cookies.MaxLifetime.ApproximateDays));
    }

    [Fact]
    public void Practice_AllRightsOffered_WithIdentityVerification()
    {
        Assert.Equal(Enum.GetValues<SubjectRight>().Length, P.Rights.Rights.Length);
        Assert.Contains(VerificationMethod.EmailCode, P.Rights.Verification);
        Assert.Equal(new PolicyDuration(0, 1, 0), P.Rights.Response);
        Assert.Equal(new PolicyDuration(0, 2, 0), P.Rights.Extension);
    }

    [Fact]
    public void Practice_MarketingObjectionAbsolute_LegitimateInterestBalancing()
    {
        Assert.All(P.Activities.Where(a => a.DirectMarketing), a => Assert.Equal(ObjectionRule.Absolute, a.Objection));
        Assert.All(P.Activities.Where(a => a.Basis == LawfulBasis.LegitimateInterests && !a.DirectMarketing),
            a => Assert.Equal(ObjectionRule.Balancing, a.Objection));
    }

    [Fact]
    public void Practice_CallRecording_NoticeAtStartAndOptOut()
    {
        var recording = P.Activity("call-recording")!;

        Assert.Equal(ConsentMode.OptOut, recording.Consent.Mode);
        Assert.NotNull(recording.NoticeAtCollection);
        Assert.NotNull(recording.Consent.Withdrawal);
    }

    [Fact]
    public void Practice_AnonymisedBeforeSharingForResearch_AnonymisedRecipient()
    {
        var research = P.Activity("research-sharing")!;

        Assert.Contains(research.Recipients, r => r.Anonymised && r.Kind == "third_party");
        Assert.Contains("research", research.Purposes);
    }

    [Fact]
    public void Practice_ChangesPostedAndEmailedWhenMaterial()
    {
        Assert.True(P.Notice.Changes.Posted);
        Assert.True(P.Notice.Changes.EmailWhenMaterial);
        Assert.Contains(P.Notice.History, h => h.Version == P.Notice.Version);
    }

    [Fact]
    public void Practice_SpecialCategoriesInApplications_WithArticle9Conditions()
    {
        Assert.Equal(Article9Condition.Employment, P.Activity("recruitment")!.Article9);
        Assert.Equal(Article9Condition.ExplicitConsent, P.Activity("equal-opportunities")!.Article9);
        Assert.Contains("user.ethnicity", P.SpecialCategoriesOf(P.Activity("equal-opportunities")!));
    }

    [Fact]
    public void Practice_LegalHoldForInvoices_RetainedWithReason()
    {
        var invoices = P.System("app")!.Table("invoices")!;

        Assert.Equal("statutory-accounts", invoices.Hold);
        Assert.NotEmpty(P.LegalHold("statutory-accounts")!.Reason.Default);
    }

    [Fact]
    public void Practice_AutomatedDecision_StatedWithLogicAndSignificance()
    {
        Assert.Contains(P.Activities, a => a.AutomatedDecisions is not null);
    }
}
