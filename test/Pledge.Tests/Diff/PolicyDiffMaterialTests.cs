using Pledge.Diff;
using static Pledge.Tests.Diff.ExampleEdits;

namespace Pledge.Tests.Diff;

/// <summary>One test per class of material change, each made by editing a copy of the example policy.</summary>
public sealed class PolicyDiffMaterialTests
{
    private const string Product = "activities/product.yaml";
    private const string Policy = "policy.yaml";

    [Fact]
    public void Compare_NewActivity_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "activities:\n", """
            activities:
              - id: crash-reports
                name: Crash reports
                purposes: [product_improvement]
                lawful_basis: contract
                subjects: [user]
                categories: [user.activity.telemetry]
                systems: [app]
                retention: [telemetry-13-months]

            """));
        diff.AssertMaterial("activities.crash-reports", "crash-reports");
        Assert.Equal(["crash-reports"], diff.MateriallyChangedActivities);
    }

    [Fact]
    public void Compare_NewPurpose_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "purposes: [product_improvement]", "purposes: [product_improvement, analytics]"));
        diff.AssertMaterial("activities.usage-telemetry.purposes.analytics", "usage-telemetry");
    }

    [Fact]
    public void Compare_NewDataCategory_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "categories: [user.activity.telemetry, user.account.settings]", "categories: [user.activity.telemetry, user.account.settings, user.device.os]"));
        diff.AssertMaterial("activities.usage-telemetry.categories.user.device.os", "usage-telemetry");
    }

    [Fact]
    public void Compare_NewSpecialCategory_MaterialAndSaysSpecial()
    {
        var diff = DiffAfter(c => c.Replace("activities/people.yaml", "categories: [user.contact, user.name, user.employment, user.health]",
            "categories: [user.contact, user.name, user.employment, user.health, user.ethnicity]"));
        var change = diff.AssertMaterial("activities.recruitment.categories.user.ethnicity", "recruitment");
        Assert.Equal(Reasons.SpecialData, change.Reason);
        Assert.Contains("(special category)", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NewSubject_Material()
    {
        var diff = DiffAfter(c => c.Replace("activities/support.yaml", "subjects: [customer]", "subjects: [customer, prospect]"));
        diff.AssertMaterial("activities.customer-support.subjects.prospect", "customer-support");
    }

    [Fact]
    public void Compare_NewThirdPartySource_Material()
    {
        var diff = DiffAfter(c => c.Replace("activities/marketing.yaml", "third_parties: [", "third_parties: [Trade show lists, "));
        diff.AssertMaterial("activities.sales-leads.source.third_parties", "sales-leads");
    }

    [Fact]
    public void Compare_NewRecipient_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "anonymised: true }", "anonymised: true }\n      - { name: Insurance partners, kind: third_party }"));
        diff.AssertMaterial("activities.research-sharing.recipients.third_party:Insurance partners", "research-sharing");
    }

    [Fact]
    public void Compare_RecipientNoLongerAnonymised_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "anonymised: true", "anonymised: false"));
        diff.AssertMaterial("activities.research-sharing.recipients.third_party:University research partners.anonymised", "research-sharing");
    }

    [Fact]
    public void Compare_NewProcessorOnActivity_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "processors: [northwind-cloud]\n    retention: [telemetry-13-months]", "processors: [northwind-cloud, metricly]\n    retention: [telemetry-13-months]"));
        diff.AssertMaterial("activities.usage-telemetry.processors.metricly", "usage-telemetry");
        Assert.Equal(["usage-telemetry"], diff.MateriallyChangedActivities);
    }

    [Fact]
    public void Compare_NewProcessorDeclared_MaterialForThePolicy()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "processors:\n", """
            processors:
              - id: ticketdesk
                name: TicketDesk Ltd
                purpose: Support ticketing
                locations: [GB]
            """ + "\n"));
        diff.AssertMaterial("processors.ticketdesk", null);
        Assert.Empty(diff.MateriallyChangedActivities);
    }

    [Fact]
    public void Compare_ProcessorNowIndependentController_MaterialForActivitiesUsingIt()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "name: Postbox Mailer Inc.\n    role: processor", "name: Postbox Mailer Inc.\n    role: independent_controller"));
        diff.AssertMaterial("activities.newsletter.processors.postbox-mailer.role", "newsletter");
    }

    [Fact]
    public void Compare_ProcessorReceivesNewCategory_MaterialForActivitiesUsingIt()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "categories: [user.contact.email, user.name, user.marketing]", "categories: [user.contact.email, user.name, user.marketing, user.organisation]"));
        diff.AssertMaterial("activities.newsletter.processors.postbox-mailer.categories.user.organisation", "newsletter");
    }

    [Fact]
    public void Compare_ProcessorInNewThirdCountry_NewTransferForActivitiesUsingIt()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "locations: [US]\n    safeguard: uk_idta", "locations: [US, IN]\n    safeguard: uk_idta"));
        var change = diff.AssertMaterial("activities.website-chat.processors.livedesk-chat.locations.IN", "website-chat");
        Assert.Equal(Reasons.NewTransfer, change.Reason);
    }

    [Fact]
    public void Compare_NewTransferOnActivity_Material()
    {
        var diff = DiffAfter(c => c.Replace("activities/support.yaml", "- { country: US, recipient: livedesk-chat, safeguard: uk_idta }",
            "- { country: US, recipient: livedesk-chat, safeguard: uk_idta }\n      - { country: JP, safeguard: adequacy }"));
        diff.AssertMaterial("activities.website-chat.transfers.JP", "website-chat");
    }

    [Fact]
    public void Compare_SafeguardWeakenedToDerogation_Material()
    {
        var diff = DiffAfter(c => c.Replace("activities/support.yaml", "recipient: livedesk-chat, safeguard: uk_idta", "recipient: livedesk-chat, safeguard: derogation"));
        var change = diff.AssertMaterial("activities.website-chat.transfers.US:livedesk-chat.safeguard", "website-chat");
        Assert.Equal("activity 'website-chat': transfer to US safeguard uk_idta → derogation (weaker)", change.Description);
    }

    [Fact]
    public void Compare_LongerRetentionPeriod_MaterialWithPreciseSentence()
    {
        var diff = DiffAfter(c => c.Replace("retention.yaml", "period: 13 months\n  - id: support-tickets", "period: 25 months\n  - id: support-tickets"));
        var change = diff.AssertMaterial("activities.usage-telemetry.retention.telemetry-13-months.period", "usage-telemetry");
        Assert.Equal("activity 'usage-telemetry': retention rule 'telemetry-13-months' period 13 months → 25 months (longer retention)", change.Description);
        Assert.Equal(["usage-telemetry"], diff.MateriallyChangedActivities);
    }

    [Fact]
    public void Compare_RetentionActionDeleteToAnonymise_Material()
    {
        var diff = DiffAfter(c => c.Replace("retention.yaml", "period: 2 years\n", "period: 2 years\n    action: anonymise\n"));
        diff.AssertMaterial("activities.remote-access-service.retention.inactive-devices.action", "remote-access-service");
    }

    [Fact]
    public void Compare_NewLegalHoldOnSharedRule_MaterialForEveryActivityUsingIt()
    {
        var diff = DiffAfter(c => c.Replace("retention.yaml", "anchor: signed_in_at\n    period: 12 months\n", "anchor: signed_in_at\n    period: 12 months\n    holds: [legal-claims]\n"));
        diff.AssertMaterial("activities.account-security.retention.sign-in-history.holds.legal-claims", "account-security");
        diff.AssertMaterial("activities.trial-abuse-screening.retention.sign-in-history.holds.legal-claims", "trial-abuse-screening");
        Assert.Equal(["account-security", "trial-abuse-screening"], diff.MateriallyChangedActivities.Order());
    }

    [Fact]
    public void Compare_LegalHoldOnInvoicesLonger_MaterialForActivitiesWhoseDataItKeeps()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "law: Companies Act 2006 s.388; VAT Act 1994 Sch. 11 para 6\n    period: 6 years",
            "law: Companies Act 2006 s.388; VAT Act 1994 Sch. 11 para 6\n    period: 10 years"));
        diff.AssertMaterial("activities.billing.legal_holds.statutory-accounts.period", "billing");
        Assert.DoesNotContain("newsletter", diff.MateriallyChangedActivities);
    }

    [Fact]
    public void Compare_NewRetentionCondition_MaterialBecauseFewerRowsExpire()
    {
        var diff = DiffAfter(c => c.Replace("retention.yaml", "    table: chat_transcripts\n", "    table: chat_transcripts\n    when: [{ column: visitor_id, is: not_null }]\n"));
        diff.AssertMaterial("activities.website-chat.retention.chats-13-months.when", "website-chat");
    }

    [Fact]
    public void Compare_ProcessorSafeguardWeakened_MaterialForActivitiesUsingIt()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "locations: [US]\n    safeguard: adequacy", "locations: [US]\n    safeguard: derogation"));
        diff.AssertMaterial("activities.newsletter.processors.postbox-mailer.safeguard", "newsletter");
    }

    [Fact]
    public void Compare_RuleReplacedByLongerOne_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "retention: [telemetry-13-months]", "retention: [inactive-devices]"));
        var change = diff.AssertMaterial("activities.usage-telemetry.retention.inactive-devices", "usage-telemetry");
        Assert.Contains("replacing 'telemetry-13-months'", change.Description, StringComparison.Ordinal);
        Assert.Contains("longer retention", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ChangedLawfulBasis_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "purposes: [security]\n    lawful_basis: legitimate_interests", "purposes: [security]\n    lawful_basis: contract"));
        diff.AssertMaterial("activities.account-security.lawful_basis", "account-security");
    }

    [Fact]
    public void Compare_ConsentOptOutToNone_Material()
    {
        var diff = DiffAfter(c => c.Replace("activities/support.yaml", "mode: opt_out", "mode: none"));
        diff.AssertMaterial("activities.call-recording.consent.mode", "call-recording");
    }

    [Fact]
    public void Compare_LongerConsentLifetime_Material()
    {
        var diff = DiffAfter(c => c.Replace("activities/website.yaml", "lifetime: 1 year", "lifetime: 2 years"));
        diff.AssertMaterial("activities.website-analytics.consent.lifetime", "website-analytics");
    }

    [Fact]
    public void Compare_ObjectionAbsoluteToBalancing_Material()
    {
        var diff = DiffAfter(c => c.Replace("activities/marketing.yaml", "    direct_marketing: true\n    processors: [pipeline-crm]", "    processors: [pipeline-crm]"));
        diff.AssertMaterial("activities.sales-leads.objection", "sales-leads");
    }

    [Fact]
    public void Compare_NewAutomatedDecisions_Material()
    {
        var diff = DiffAfter(c => c.Replace(Product, "    provision: { requirement: automatic }\n",
            "    provision: { requirement: automatic }\n    automated_decisions: { logic: Risk score of each sign-in, significance: High scores lock the account }\n"));
        diff.AssertMaterial("activities.account-security.automated_decisions", "account-security");
    }

    [Fact]
    public void Compare_CookieLastsLonger_MaterialWithoutActivity()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "duration: 13 months\n      processor: livedesk-chat", "duration: 2 years\n      processor: livedesk-chat"));
        diff.AssertMaterial("cookies.livedesk_visitor.duration", null);
        Assert.Empty(diff.MateriallyChangedActivities);
    }

    [Fact]
    public void Compare_NewNonEssentialCookie_Material()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "  items:\n", "  items:\n    - { name: fl_ab, provider: Farlink, category: analytics, purpose: A/B tests, duration: 30 days }\n"));
        diff.AssertMaterial("cookies.fl_ab", null);
    }

    [Fact]
    public void Compare_ControllerIdentityChanged_MaterialForEveryActivity()
    {
        var diff = DiffAfter(c => c.Replace(Policy, "name: Farlink Remote Ltd", "name: Farlink Holdings Ltd"));
        diff.AssertMaterial("organisation.controller", null);
        Assert.Equal(Example.Activities.Select(a => a.Id).Order(), diff.MateriallyChangedActivities.Order());
    }
}
