using Microsoft.Data.Sqlite;
using Pledge.Connectors;
using Pledge.Policy.Model;

namespace Pledge.Tests.Connectors;

/// <summary>The search contract on SQLite: three demo files of about 3,000 rows, seeded once for the class.</summary>
public sealed class SqliteSubjectLocatorTests : SubjectLocatorContract
{
    private static readonly Lazy<Task<DemoDatabase>> Database = new(() => DemoDatabase.SqliteAsync(rows: 3_000, seed: 11));

    protected override ConnectorKind Kind => ConnectorKind.Sqlite;

    protected override string FullScan => "SCAN ";

    protected override Task<DemoDatabase> DatabaseAsync() => Database.Value;

    protected override async Task<Connector> EmptyDatabaseAsync(DataSystem system)
    {
        var file = Path.Combine(Path.GetTempPath(), "pledge-empty-" + Guid.NewGuid().ToString("N")[..12] + ".db");
        await using (var create = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await create.OpenAsync(); // the factory never creates a file: make the empty database here
        }

        return ConnectorFactory.Open(system, _ => $"Data Source={file}").Connector!;
    }
}
