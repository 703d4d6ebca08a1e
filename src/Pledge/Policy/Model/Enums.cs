namespace Pledge.Policy.Model;

/// <summary>The six lawful bases of GDPR Art. 6(1).</summary>
public enum LawfulBasis
{
    /// <summary>Art. 6(1)(a): the subject's consent.</summary>
    Consent,
    /// <summary>Art. 6(1)(b): performance of a contract with the subject, or steps before entering one.</summary>
    Contract,
    /// <summary>Art. 6(1)(c): a legal obligation of the controller.</summary>
    LegalObligation,
    /// <summary>Art. 6(1)(d): vital interests of the subject or another person.</summary>
    VitalInterests,
    /// <summary>Art. 6(1)(e): a task in the public interest or official authority.</summary>
    PublicTask,
    /// <summary>Art. 6(1)(f): legitimate interests of the controller or a third party.</summary>
    LegitimateInterests,
}

/// <summary>The conditions of GDPR Art. 9(2) that lift the prohibition on special-category data.</summary>
public enum Article9Condition
{
    /// <summary>9(2)(a) explicit consent.</summary>
    ExplicitConsent,
    /// <summary>9(2)(b) employment, social security and social protection law.</summary>
    Employment,
    /// <summary>9(2)(c) vital interests where consent cannot be given.</summary>
    VitalInterests,
    /// <summary>9(2)(d) not-for-profit body with a political, philosophical, religious or trade-union aim.</summary>
    NotForProfit,
    /// <summary>9(2)(e) data manifestly made public by the subject.</summary>
    MadePublic,
    /// <summary>9(2)(f) legal claims or courts acting in their judicial capacity.</summary>
    LegalClaims,
    /// <summary>9(2)(g) substantial public interest.</summary>
    SubstantialPublicInterest,
    /// <summary>9(2)(h) preventive or occupational medicine, health or social care.</summary>
    HealthCare,
    /// <summary>9(2)(i) public health.</summary>
    PublicHealth,
    /// <summary>9(2)(j) archiving, scientific or historical research, statistics.</summary>
    Research,
}

/// <summary>How consent works for an activity.</summary>
public enum ConsentMode
{
    /// <summary>No consent is involved: the activity relies on another lawful basis.</summary>
    None,
    /// <summary>Processing only after the subject actively agrees.</summary>
    OptIn,
    /// <summary>Processing until the subject switches it off (e.g. "send usage data", on by default).</summary>
    OptOut,
}

/// <summary>Whether and how the right to object (Art. 21) applies to an activity.</summary>
public enum ObjectionRule
{
    /// <summary>The right to object does not apply (e.g. contract or legal obligation).</summary>
    None,
    /// <summary>Objection stops the processing unless the controller shows compelling legitimate grounds (Art. 21(1)).</summary>
    Balancing,
    /// <summary>Objection always stops the processing (direct marketing, Art. 21(2)-(3)).</summary>
    Absolute,
}

/// <summary>Safeguards that make a transfer outside the EEA/UK lawful (GDPR Chapter V).</summary>
public enum TransferSafeguard
{
    /// <summary>Art. 45 adequacy decision for the destination.</summary>
    Adequacy,
    /// <summary>Art. 46(2)(c) standard contractual clauses.</summary>
    StandardContractualClauses,
    /// <summary>Art. 47 binding corporate rules.</summary>
    BindingCorporateRules,
    /// <summary>UK International Data Transfer Agreement.</summary>
    UkIdta,
    /// <summary>UK Addendum to the EU standard contractual clauses.</summary>
    UkAddendum,
    /// <summary>Art. 46(2)(e) approved code of conduct.</summary>
    CodeOfConduct,
    /// <summary>Art. 46(2)(f) approved certification mechanism.</summary>
    Certification,
    /// <summary>Art. 49 derogation for specific situations (e.g. explicit consent, contract performance).</summary>
    Derogation,
}

/// <summary>What happens to a field when its subject's data is erased.</summary>
public enum ErasureStrategy
{
    /// <summary>The whole row is deleted (the default for a table whose rows belong to one subject).</summary>
    DeleteRow,
    /// <summary>The field is set to NULL.</summary>
    Null,
    /// <summary>The field is replaced by a fixed mask.</summary>
    Mask,
    /// <summary>The field is replaced by a keyed hash (HMAC), so joins and counts still work without the value.</summary>
    Hash,
    /// <summary>The field is kept under a legal hold, for the reason the hold states.</summary>
    Retain,
}

/// <summary>What a retention rule does to expired rows.</summary>
public enum RetentionAction
{
    /// <summary>Delete the rows.</summary>
    Delete,
    /// <summary>Replace the personal-data fields by their erasure strategy (hash, mask or null), keep the row.</summary>
    Anonymise,
    /// <summary>Clear the named fields, keep the row.</summary>
    Minimise,
}

/// <summary>The role an external party plays.</summary>
public enum ProcessorRole
{
    Processor,
    SubProcessor,
    JointController,
    IndependentController,
}

/// <summary>Whether a cookie is set by the site itself or a third party.</summary>
public enum CookieParty
{
    First,
    Third,
}

/// <summary>Whether providing the data is a statutory or contractual requirement (Art. 13(2)(e)).</summary>
public enum ProvisionRequirement
{
    /// <summary>Providing the data is voluntary.</summary>
    Voluntary,
    /// <summary>Required to enter into or perform a contract.</summary>
    Contractual,
    /// <summary>Required by law.</summary>
    Statutory,
    /// <summary>Collected automatically; the subject does not provide it actively.</summary>
    Automatic,
}

/// <summary>The rights of the data subject (GDPR Arts. 13-22, 77).</summary>
public enum SubjectRight
{
    Informed,
    Access,
    Rectification,
    Erasure,
    Restriction,
    Portability,
    Objection,
    AutomatedDecisions,
    WithdrawConsent,
    Complaint,
}

/// <summary>How a subject's identity is verified before a request is fulfilled.</summary>
public enum VerificationMethod
{
    /// <summary>A one-time code sent to an e-mail address we hold for the subject.</summary>
    EmailCode,
    /// <summary>The subject is signed in to their account.</summary>
    AccountLogin,
    /// <summary>A document checked by a person.</summary>
    Document,
}
