using System.Text.Encodings.Web;
using System.Text.Json;
using Pledge.Audit;
using Pledge.Policy.Model;

namespace Pledge.Consent.Export;

/// <summary>
/// Writes one consent receipt per ledger event as a line of JSON (JSON Lines), with the field names of the Kantara
/// Initiative Consent Receipt Specification v1.1 where they apply (the fields ISO/IEC TS 27560 records carry too),
/// plus the ledger's own evidence. The subject appears only as its keyed pseudonym (<c>piiPrincipalId</c>);
/// <c>publicKey</c> is omitted (receipts are not signed).
/// </summary>
public sealed class ConsentReceiptWriter(Policy.Model.Policy policy, Pseudonymizer pseudonyms)
{
    /// <summary>The Kantara receipt version written.</summary>
    public const string ReceiptVersion = "KI-CR-v1.1.0";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the receipt of <paramref name="e"/> as one line to <paramref name="output"/>.</summary>
    public void Write(Stream output, StoredEvent e, string storeKeyId)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(e);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            Write(json, e, storeKeyId);
        }

        output.WriteByte((byte)'\n');
    }

    private void Write(Utf8JsonWriter json, StoredEvent e, string storeKeyId)
    {
        var org = policy.Organisation;
        var language = policy.Notice.DefaultLanguage;
        var activity = e.Activity is null ? null : policy.Activity(e.Activity);
        json.WriteStartObject();
        json.WriteString("version", ReceiptVersion);
        json.WriteString("jurisdiction", org.Authority?.Country ?? "");
        json.WriteNumber("consentTimestamp", e.At.ToUnixTimeSeconds());
        json.WriteString("collectionMethod", e.Channel);
        json.WriteString("consentReceiptID", $"{storeKeyId}-{e.Sequence}");
        json.WriteString("language", language);
        json.WriteString("piiPrincipalId", pseudonyms.Subject(e.SubjectId).Value);
        json.WriteStartArray("piiControllers");
        json.WriteStartObject();
        json.WriteString("piiController", org.Controller.Name);
        json.WriteString("contact", org.Dpo?.Name ?? org.Controller.Name);
        WriteIfSet(json, "address", org.Controller.Address);
        WriteIfSet(json, "email", org.Dpo?.Email ?? org.Controller.Email);
        WriteIfSet(json, "phone", org.Controller.Phone);
        WriteIfSet(json, "piiControllerUrl", org.Controller.Website);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("policyUrl", policy.Notice.Url ?? "");
        json.WriteStartArray("services");
        if (activity is not null)
        {
            WriteService(json, activity, language);
        }

        json.WriteEndArray();
        var special = activity is null ? [] : policy.SpecialCategoriesOf(activity).ToList();
        json.WriteBoolean("sensitive", special.Count > 0);
        json.WriteStartArray("spiCat");
        foreach (var category in special)
        {
            json.WriteStringValue(category);
        }

        json.WriteEndArray();
        // The ledger's evidence, beyond the Kantara fields.
        json.WriteString("event", e.Kind.Code());
        json.WriteString("policyVersion", e.PolicyVersion);
        json.WriteString("consentTime", e.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("recordedTime", e.RecordedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        if (e.Signal != ConsentSignal.None)
        {
            json.WriteString("signal", e.Signal.Code());
        }

        json.WriteString("actor", e.Actor);
        json.WriteNumber("ledgerSequence", e.Sequence);
        json.WriteEndObject();
    }

    private void WriteService(Utf8JsonWriter json, Activity activity, string language)
    {
        json.WriteStartObject();
        json.WriteString("service", activity.Name.In(language));
        json.WriteStartArray("purposes");
        json.WriteStartObject();
        json.WriteString("purpose", (activity.Description ?? activity.Name).In(language));
        json.WriteStartArray("purposeCategory");
        foreach (var purpose in activity.Purposes)
        {
            json.WriteStringValue(purpose);
        }

        json.WriteEndArray();
        json.WriteString("consentType", activity.Consent.Mode == ConsentMode.OptOut ? "IMPLICIT" : "EXPLICIT");
        json.WriteStartArray("piiCategory");
        foreach (var category in activity.Categories)
        {
            json.WriteStringValue(category);
        }

        json.WriteEndArray();
        json.WriteBoolean("primaryPurpose", true);
        json.WriteString("termination", activity.Consent.Withdrawal?.In(language)
            ?? (activity.Consent.Lifetime is { } lifetime ? "expires after " + lifetime : "until withdrawn"));
        var thirdParties = activity.Recipients.Where(r => r.Kind is "third_party").ToList();
        json.WriteBoolean("thirdPartyDisclosure", thirdParties.Count > 0 || activity.Sharing);
        if (thirdParties.Count > 0)
        {
            json.WriteString("thirdPartyName", string.Join(", ", thirdParties.Select(r => r.Name.In(language))));
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
