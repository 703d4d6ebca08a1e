using Pledge.Policy.Model;

namespace Pledge.Records;

/// <summary>The GDPR provision behind each lawful basis, Art. 9 condition and transfer safeguard.</summary>
internal static class LegalReferences
{
    public static string Of(LawfulBasis basis) => basis switch
    {
        LawfulBasis.Consent => "Art. 6(1)(a)",
        LawfulBasis.Contract => "Art. 6(1)(b)",
        LawfulBasis.LegalObligation => "Art. 6(1)(c)",
        LawfulBasis.VitalInterests => "Art. 6(1)(d)",
        LawfulBasis.PublicTask => "Art. 6(1)(e)",
        LawfulBasis.LegitimateInterests => "Art. 6(1)(f)",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    public static string Of(Article9Condition condition) => condition switch
    {
        Article9Condition.ExplicitConsent => "Art. 9(2)(a)",
        Article9Condition.Employment => "Art. 9(2)(b)",
        Article9Condition.VitalInterests => "Art. 9(2)(c)",
        Article9Condition.NotForProfit => "Art. 9(2)(d)",
        Article9Condition.MadePublic => "Art. 9(2)(e)",
        Article9Condition.LegalClaims => "Art. 9(2)(f)",
        Article9Condition.SubstantialPublicInterest => "Art. 9(2)(g)",
        Article9Condition.HealthCare => "Art. 9(2)(h)",
        Article9Condition.PublicHealth => "Art. 9(2)(i)",
        Article9Condition.Research => "Art. 9(2)(j)",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    public static string Of(TransferSafeguard safeguard) => safeguard switch
    {
        TransferSafeguard.Adequacy => "Art. 45",
        TransferSafeguard.StandardContractualClauses => "Art. 46(2)(c)",
        TransferSafeguard.BindingCorporateRules => "Art. 47",
        TransferSafeguard.UkIdta => "UK GDPR Art. 46(2)(d), International Data Transfer Agreement",
        TransferSafeguard.UkAddendum => "UK GDPR Art. 46(2)(d), Addendum to the EU SCCs",
        TransferSafeguard.CodeOfConduct => "Art. 46(2)(e)",
        TransferSafeguard.Certification => "Art. 46(2)(f)",
        TransferSafeguard.Derogation => "Art. 49(1)",
        _ => throw new ArgumentOutOfRangeException(nameof(safeguard), safeguard, null),
    };
}
