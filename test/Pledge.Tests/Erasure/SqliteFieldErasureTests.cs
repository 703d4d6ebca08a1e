using System.Data.Common;
using Microsoft.Data.Sqlite;
using Pledge.Connectors;

namespace Pledge.Tests.Erasure;

public sealed class SqliteFieldErasureTests : FieldErasureContract
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override async Task<DbConnection> OpenEmptyAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), "pledge-erase-" + Guid.NewGuid().ToString("N")[..12] + ".db");
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
