using System.Data.Common;
using System.Globalization;
using Pledge.Connectors;
using Pledge.Erasure;

namespace Pledge.Retention;

/// <summary>Runs the retention engine's statements on a system's database with the dialect's parameters.</summary>
internal static class TargetDatabase
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, SqlQuery query, SqlDialect dialect)
    {
        var command = connection.CreateCommand();
        command.CommandText = query.Text;
        command.Transaction = transaction;
        for (var i = 0; i < query.Parameters.Count; i++)
        {
            var parameter = command.CreateParameter();
            if (!dialect.UsesArrays)
            {
                parameter.ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            }

            parameter.Value = query.Parameters[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<DbConnection> OpenAsync(Connector connector, ErasureKey? key, CancellationToken cancellationToken)
    {
        var connection = await connector.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            FieldErasure.Prepare(connection, key);
        }

        return connection;
    }
}
