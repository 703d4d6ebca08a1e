using Pledge.Tests.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Erasure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSubjectEraserTests(PostgresServer server) : SubjectEraserContract
{
    protected override Task<DemoDatabase> SeedAsync() => DemoDatabase.PostgresAsync(server, rows: 400, seed: 5);

    protected override async Task InjectDeleteFailureAsync(DemoDatabase db, string system, string table)
    {
        await db.ExecuteAsync(system, $"CREATE FUNCTION {system}.fail_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
        await db.ExecuteAsync(system, $"CREATE TRIGGER fail_delete BEFORE DELETE ON {system}.\"{table}\" FOR EACH ROW EXECUTE FUNCTION {system}.fail_delete()");
    }
}
