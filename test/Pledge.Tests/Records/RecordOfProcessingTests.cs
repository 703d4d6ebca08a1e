using Pledge.Policy.Defaults;
using Pledge.Policy.Model;
using Pledge.Records;
using Pledge.Tests.TestData;

namespace Pledge.Tests.Records;

public sealed class RecordOfProcessingTests
{
    private static readonly Pledge.Policy.Model.Policy Policy = PolicyFiles.Load(PolicyFiles.Minimal);
    private static readonly RecordOfProcessing Record = RecordOfProcessing.From(Policy);

    [Fact]
    public void From_Policy_HasOneEntryPerActivityInPolicyOrder()
    {
        Assert.Equal(Policy.Activities.Select(a => a.Id), Record.Activities.Select(a => a.Id));
    }

    [Fact]
    public void From_Policy_ControllerBlockNamesControllerRepresentativesDpoAndJointControllers()
    {
        var org = Policy.Organisation;
        Assert.Equal(org.Controller.Name, Record.Controller.Party.Name);
        Assert.Equal(org.Controller.Email, Record.Controller.Party.Email);
        Assert.Equal(org.Representatives.Select(r => (r.Region, r.Party.Name)), Record.Controller.Representatives.Select(r => (r.Region, r.Party.Name)));
        Assert.Equal(org.Dpo?.Name, Record.Controller.Dpo?.Name);
        Assert.Equal(Policy.Processors.Where(p => p.Role == ProcessorRole.JointController).Select(p => p.Id), Record.Controller.JointControllers.Select(j => j.Id));
        Assert.NotEmpty(Record.Controller.JointControllers);
    }

    public static TheoryData<string> Policies => new() { PolicyFiles.Minimal, Support.Repo.ExamplePolicy };

    [Theory]
    [MemberData(nameof(Policies))]
    public void From_EveryActivity_HasEveryArticle30Item(string path)
    {
        var policy = PolicyFiles.Load(path);
        var record = RecordOfProcessing.From(policy);
        foreach (var activity in policy.Activities)
        {
            var entry = record.Activities.Single(e => e.Id == activity.Id);
            Assert.Equal(activity.Name.Default, entry.Name);
            Assert.Equal(activity.Purposes, entry.Purposes.Select(p => p.Key));
            Assert.All(entry.Purposes, p => Assert.Equal(policy.Purpose(p.Key)!.Name.Default, p.Name));
            Assert.Equal(activity.Subjects, entry.Subjects.Select(s => s.Key));
            Assert.Equal(activity.Categories, entry.Categories.Select(c => c.Key));
            foreach (var recipient in activity.Recipients)
            {
                Assert.Contains(entry.Recipients, r => r.Name == recipient.Name.Default && r.Kind == recipient.Kind);
            }

            foreach (var processor in activity.Processors.Select(policy.Processor))
            {
                Assert.Contains(entry.Recipients, r => r.Processor == processor!.Id);
            }

            foreach (var transfer in activity.Transfers)
            {
                Assert.Contains(entry.Transfers, t => t.Country == transfer.Country && t.Safeguard == (transfer.Safeguard is { } s ? Pledge.Policy.Loading.EnumNames.Of(s) : t.Safeguard));
            }

            Assert.Equal(activity.Retention, entry.Retention.Select(r => r.Id));
            Assert.All(entry.Retention, r => Assert.False(string.IsNullOrWhiteSpace(r.TimeLimit)));
            Assert.Equal(Pledge.Policy.Loading.EnumNames.Of(activity.Basis), entry.LawfulBasis);
            Assert.StartsWith("Art. 6(1)(", entry.LawfulBasisArticle, StringComparison.Ordinal);
        }

        Assert.Equal(policy.SecurityMeasures.Select(m => m.Default), record.SecurityMeasures);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void From_ProcessorOutsideHome_ListedAsTransferOfEveryActivityUsingIt(string path)
    {
        var policy = PolicyFiles.Load(path);
        var record = RecordOfProcessing.From(policy);
        var home = policy.Organisation.Authority.Country;
        foreach (var activity in policy.Activities)
        {
            var entry = record.Activities.Single(e => e.Id == activity.Id);
            foreach (var country in activity.Processors.Select(policy.Processor).SelectMany(p => p!.Locations).Where(c => home == "GB" ? c != "GB" : !Countries.IsEea(c)))
            {
                Assert.Contains(entry.Transfers, t => t.Country == country);
            }
        }
    }

    [Fact]
    public void From_SpecialCategory_MarkedOnCategoryAndListedAlone()
    {
        var entry = Record.Activities.Single(e => e.Id == "recruitment");
        Assert.True(entry.Categories.Single(c => c.Key == "user.health").Special);
        Assert.False(entry.Categories.Single(c => c.Key == "user.employment.cv").Special);
        Assert.Equal(["user.health"], entry.SpecialCategories.Select(c => c.Key));
        Assert.Equal("explicit_consent", entry.Article9Condition);
        Assert.Equal("Art. 9(2)(a)", entry.Article9Article);
    }

    [Fact]
    public void From_DerogationTransfer_MarkedAsDerogation()
    {
        var transfer = Record.Activities.Single(e => e.Id == "recruitment").Transfers.Single(t => t.Country == "IN");
        Assert.True(transfer.Derogation);
        Assert.Equal("Art. 49(1)", transfer.SafeguardArticle);
        Assert.False(Record.Activities.Single(e => e.Id == "usage-telemetry").Transfers.Single().Derogation);
    }

    [Fact]
    public void From_TimedRuleWithHold_TimeLimitStatesPeriodAnchorConditionActionAndHold()
    {
        var rule = Record.Activities.Single(e => e.Id == "accounts").Retention.Single(r => r.Id == "accounts-closed");
        Assert.Equal("30 days after accounts.closed_at, if closed_at is not empty; then delete; "
            + "except under legal hold 'tax-records': Invoices are kept for tax law (§ 147 AO), up to 10 years", rule.TimeLimit);
        Assert.Equal("P30D", rule.PeriodIso);
        Assert.True(rule.Enforced);
        Assert.Equal("10 years", rule.LegalHolds.Single().Period);
    }

    [Fact]
    public void From_EventTriggeredRule_TimeLimitNamesTheEvent()
    {
        var rule = Record.Activities.Single(e => e.Id == "accounts").Retention.Single(r => r.Id == "viewer-signout");
        Assert.Equal("on event viewer.signed_out (The user signed out of the viewer); then delete", rule.TimeLimit);
        Assert.False(rule.Enforced);
    }

    [Fact]
    public void From_StatedRuleWithoutAnchor_TimeLimitQuotesItsDescription()
    {
        var rule = Record.Activities.Single(e => e.Id == "recruitment").Retention.Single();
        Assert.Equal("6 months (=Applications are kept 6 months after the position is filled); then anonymise", rule.TimeLimit);
    }

    [Fact]
    public void From_Language_TakesTranslatedTaxonomyNames()
    {
        var german = RecordOfProcessing.From(Policy, "de");
        Assert.Equal("de", german.Generated.Language);
        Assert.Equal("Kunden", german.Activities[0].Subjects.Single().Name);
        Assert.Equal("Customers", Record.Activities[0].Subjects.Single().Name);
    }

    [Fact]
    public void From_Policy_MetadataIsTheNoticeVersion()
    {
        Assert.Equal(new RecordMetadata("1.2", new DateOnly(2025, 6, 1), "en"), Record.Generated);
    }
}
