using System.Collections.Immutable;
using System.Data.Common;
using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Connectors;

/// <summary>
/// <c>pledge check --connect</c>: holds the data map against the databases. Opens each system (PL050), then
/// reports tables (PL051) and columns (PL052) the database lacks, and identity and reference columns no index
/// starts with (PL053). Reads the catalogue only; changes nothing.
/// </summary>
public static class DataMapCheck
{
    /// <summary>Checks every system of <paramref name="policy"/>, reading connection strings through <paramref name="environment"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Policy.Model.Policy policy, Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(environment);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var system in policy.Systems)
        {
            var opened = ConnectorFactory.Open(system, environment);
            if (opened.Connector is not { } connector)
            {
                diagnostics.Add(Rules.SystemUnreachable.At(system.At, opened.Error!.Message));
                continue;
            }

            await using (connector.ConfigureAwait(false))
            {
                DatabaseSchema schema;
                try
                {
                    schema = await connector.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e)
                {
                    diagnostics.Add(Rules.SystemUnreachable.At(system.At, $"cannot read the database of system '{system.Id}' (from {system.ConnectionEnv}): {e.Message}"));
                    continue;
                }

                foreach (var table in system.Tables)
                {
                    Check(system, table, schema.Table(table.Name), diagnostics);
                }
            }
        }

        return diagnostics.ToImmutable();
    }

    private static void Check(DataSystem system, TableMap table, TableSchema? found, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (found is null)
        {
            diagnostics.Add(Rules.MissingTable.At(table.At, $"table '{table.Name}' of system '{system.Id}' does not exist in its database"));
            return;
        }

        foreach (var column in table.KnownColumns.Where(c => found.Column(c) is null))
        {
            diagnostics.Add(Rules.MissingColumn.At(LocationOf(table, column), $"column '{column}' of table '{table.Name}' (system '{system.Id}') does not exist in the database"));
        }

        var lookups = table.Identity.Select(i => (i.Column, i.At, What: $"identity column ({i.Identifier})"))
            .Concat(table.References.Select(r => (r.Column, r.At, What: $"reference to '{r.Table}'")));
        foreach (var (column, at, what) in lookups.DistinctBy(l => l.Column))
        {
            if (found.Column(column) is not null && !found.HasIndexLedBy(column))
            {
                diagnostics.Add(Rules.UnindexedLookup.At(at,
                    $"{what} '{table.Name}.{column}' (system '{system.Id}') has no index that starts with it: every rights request scans the table; CREATE INDEX ON {table.Name} ({column})"));
            }
        }
    }

    /// <summary>Where the data map names <paramref name="column"/>: its identity, reference or field entry, else the table.</summary>
    private static SourceLocation LocationOf(TableMap table, string column) =>
        table.Identity.FirstOrDefault(i => i.Column == column)?.At
        ?? table.References.FirstOrDefault(r => r.Column == column)?.At
        ?? table.Field(column)?.At
        ?? table.At;
}
