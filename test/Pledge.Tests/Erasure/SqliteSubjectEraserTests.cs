using Pledge.Tests.Connectors;

namespace Pledge.Tests.Erasure;

public sealed class SqliteSubjectEraserTests : SubjectEraserContract
{
    protected override Task<DemoDatabase> SeedAsync() => DemoDatabase.SqliteAsync(rows: 400, seed: 5);

    protected override Task InjectDeleteFailureAsync(DemoDatabase db, string system, string table) =>
        db.ExecuteAsync(system, $"CREATE TRIGGER \"fail_{table}\" BEFORE DELETE ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
}
