using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Tests.Connectors;

/// <summary>Data-map tables written tersely for plan tests: identity <c>"column:kind"</c>, references <c>"column&gt;table"</c>.</summary>
internal static class PlanTables
{
    public static TableMap Table(string name, string[]? identity = null, string[]? references = null, string[]? fields = null) => new(
        name,
        null,
        ["id"],
        [.. (identity ?? []).Select(i => i.Split(':')).Select(p => new IdentityColumn(p[0], p[1], default))],
        [.. (references ?? []).Select(r => r.Split('>')).Select(p => new TableReference(p[0], p[1], "", default))],
        [],
        [.. (fields ?? []).Select(f => new FieldMap(f, "user", ErasureStrategy.DeleteRow, null, default))],
        [],
        ErasureStrategy.DeleteRow,
        null,
        default);

    public static Pledge.Policy.Model.Policy PolicyWith(params TableMap[] tables) =>
        DemoDatabase.ExamplePolicy(ConnectorKind.Sqlite) with
        {
            Systems = [new DataSystem("s", LocalizedText.Of("s"), ConnectorKind.Sqlite, "S_DB", null, null, ImmutableArray.Create(tables), default)],
        };
}
