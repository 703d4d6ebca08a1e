using Pledge.Policy.Loading;

namespace Pledge.Consent;

/// <summary>The snake_case codes the store, CSV files and receipts use for the ledger's enums; cached, no allocation.</summary>
public static class LedgerCodes
{
    private static readonly string[] Kinds = [.. Enum.GetValues<LedgerEventKind>().Select(EnumNames.Of)];
    private static readonly string[] Actions = [.. Enum.GetValues<LedgerEventKind>().Select(k => "consent." + EnumNames.Of(k))];
    private static readonly string[] Channels = [.. Enum.GetValues<EvidenceChannel>().Select(EnumNames.Of)];

    /// <summary><c>consent_given</c>, <c>objection</c>, ...</summary>
    public static string Code(this LedgerEventKind kind) => Kinds[(int)kind];

    /// <summary>The audit action of an event kind: <c>consent.consent_given</c>, ...</summary>
    public static string AuditAction(this LedgerEventKind kind) => Actions[(int)kind];

    /// <summary><c>web_form</c>, <c>cookie_banner</c>, ...</summary>
    public static string Code(this EvidenceChannel channel) => Channels[(int)channel];

    /// <summary><c>gpc</c> or null.</summary>
    public static string? Code(this ConsentSignal signal) => signal == ConsentSignal.GlobalPrivacyControl ? "gpc" : null;

    /// <summary>Parses a kind code.</summary>
    public static bool TryParseKind(string text, out LedgerEventKind kind) => EnumNames.TryParse(text, out kind);

    /// <summary>Parses a channel code.</summary>
    public static bool TryParseChannel(string text, out EvidenceChannel channel) => EnumNames.TryParse(text, out channel);

    /// <summary>Parses a signal: empty or <c>none</c>, <c>gpc</c> or <c>global_privacy_control</c>.</summary>
    public static bool TryParseSignal(string? text, out ConsentSignal signal)
    {
        signal = ConsentSignal.None;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Trim().Equals("gpc", StringComparison.OrdinalIgnoreCase))
        {
            signal = ConsentSignal.GlobalPrivacyControl;
            return true;
        }

        return EnumNames.TryParse(text, out signal);
    }

    internal static ConsentSignal SignalFromCode(string? code) => code == "gpc" ? ConsentSignal.GlobalPrivacyControl : ConsentSignal.None;
}
