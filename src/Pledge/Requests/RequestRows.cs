using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pledge.Connectors.Locating;
using Pledge.Storage;

namespace Pledge.Requests;

/// <summary>Reads and writes the <c>requests</c> table's rows.</summary>
internal static class RequestRows
{
    public const string Columns =
        "id, kind, status, identifier_kind, identifier_value, contact_email, details, received_at, due_at, extended_at, extension_reason, " +
        "extension_note, verified_at, approved_at, approved_by, started_at, closed_at, rejection, rejection_note, result, pseudonymised, erasure_done";

    public static DataRequest Read(DbDataReader r) => new(
        r.GetInt64(0),
        Enum.Parse<RequestKind>(r.GetString(1)),
        Enum.Parse<RequestStatus>(r.GetString(2)),
        new SubjectIdentifier(r.GetString(3), r.GetString(4)),
        r.GetNullableString(5),
        ParseDetails(r.GetNullableString(6)),
        StoreTime.FromMicros(r.GetInt64(7)),
        StoreTime.FromMicros(r.GetInt64(8)),
        Time(r, 9),
        r.GetNullableString(10) is { } e ? Enum.Parse<ExtensionReason>(e) : null,
        r.GetNullableString(11),
        Time(r, 12),
        Time(r, 13),
        r.GetNullableString(14),
        Time(r, 15),
        Time(r, 16),
        r.GetNullableString(17) is { } j ? Enum.Parse<RejectionReason>(j) : null,
        r.GetNullableString(18),
        r.GetNullableString(19),
        Convert.ToInt64(r.GetValue(20), System.Globalization.CultureInfo.InvariantCulture) != 0)
    {
        CommittedSystems = ErasureProgress.Parse(r.GetNullableString(21)),
    };

    public static string? FormatDetails(RequestDetails details) =>
        details.Changes is null && details.Activity is null
            ? null
            : JsonSerializer.Serialize(new StoredDetails(details.Changes?.ToDictionary(), details.Activity), RequestJson.Default.StoredDetails);

    private static RequestDetails ParseDetails(string? json)
    {
        if (json is null)
        {
            return RequestDetails.None;
        }

        var stored = JsonSerializer.Deserialize(json, RequestJson.Default.StoredDetails)!;
        return new RequestDetails(stored.Changes?.ToImmutableSortedDictionary(StringComparer.Ordinal), stored.Activity);
    }

    private static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : StoreTime.FromMicros(r.GetInt64(i));
}

internal sealed record StoredDetails(Dictionary<string, string>? Changes, string? Activity);

[JsonSerializable(typeof(StoredDetails))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class RequestJson : JsonSerializerContext;
