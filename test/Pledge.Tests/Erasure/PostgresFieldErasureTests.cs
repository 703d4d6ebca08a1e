using System.Data.Common;
using Npgsql;
using Pledge.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Erasure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresFieldErasureTests(PostgresServer server) : FieldErasureContract
{
    protected override SqlDialect Dialect => SqlDialect.Postgres;

    protected override async Task<DbConnection> OpenEmptyAsync()
    {
        var connection = new NpgsqlConnection(await server.CreateDatabaseAsync("erase"));
        await connection.OpenAsync();
        return connection;
    }
}
