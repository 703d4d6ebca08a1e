using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pledge.Erasure;

namespace Pledge.Requests;

/// <summary>
/// The systems of an erasure that have committed, as kept in <c>requests.erasure_done</c>: per table the action, the
/// counts, the fields and what was kept, never a value. A run after a partial failure skips these systems and reports
/// them as done earlier, so nothing is erased or counted twice.
/// </summary>
internal static class ErasureProgress
{
    public static string Format(IEnumerable<SystemOutcome> systems) =>
        JsonSerializer.Serialize([.. systems.Select(s => new StoredSystem(s.SystemId, [.. s.Tables.Select(t => new StoredTable(
            t.Table, t.Action.ToString(), t.Rows, t.Changed, [.. t.Fields], [.. t.Retained.Select(r => new StoredRetained(r.Column, r.Hold, r.Reason))], t.Note))]))],
            ErasureProgressJson.Default.ListStoredSystem);

    public static ImmutableArray<SystemOutcome> Parse(string? json)
    {
        if (json is null)
        {
            return [];
        }

        var stored = JsonSerializer.Deserialize(json, ErasureProgressJson.Default.ListStoredSystem) ?? [];
        return [.. stored.Select(s => new SystemOutcome(s.System, true, null, [.. s.Tables.Select(t => new TableOutcome(
            t.Table, Enum.Parse<TableAction>(t.Action), t.Rows, t.Changed, [.. t.Fields], [.. t.Retained.Select(r => new RetainedField(r.Column, r.Hold, r.Reason))], t.Note))])
        {
            CommittedEarlier = true,
        })];
    }
}

internal sealed record StoredSystem(string System, List<StoredTable> Tables);

internal sealed record StoredTable(string Table, string Action, int Rows, int Changed, List<string> Fields, List<StoredRetained> Retained, string? Note);

internal sealed record StoredRetained(string Column, string Hold, string Reason);

[JsonSerializable(typeof(List<StoredSystem>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ErasureProgressJson : JsonSerializerContext;
