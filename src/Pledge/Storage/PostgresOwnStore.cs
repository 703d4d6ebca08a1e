using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Pledge.Storage;

/// <summary>
/// The own store in PostgreSQL through one <see cref="NpgsqlDataSource"/> (its pool is shared by every unit of work).
/// Connections run with <c>synchronous_commit=on</c>, so a commit is flushed on the server when it returns. Several
/// instances may share the database: units of work run concurrently, and row locks (<c>FOR UPDATE</c>,
/// <c>SKIP LOCKED</c>) coordinate jobs.
/// </summary>
internal sealed class PostgresOwnStore : OwnStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresOwnStore(StoreLocation location, OwnStoreOptions options)
        : base(location, options)
    {
        var builder = new NpgsqlDataSourceBuilder(location.Target);
        var existing = builder.ConnectionStringBuilder.Options;
        builder.ConnectionStringBuilder.Options = string.IsNullOrEmpty(existing) ? "-c synchronous_commit=on" : existing + " -c synchronous_commit=on";
        builder.UseLoggerFactory(options.LoggerFactory);
        _dataSource = builder.Build();
    }

    internal override int GroupCommitWriters => 3;

    internal override string LockAuditHeadSql => "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";

    private protected override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            // Npgsql's messages name the host and the failure, never the password.
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot connect to the PostgreSQL store {Location.Display}: {e.Message}", e);
        }
    }

    private protected override async Task<StoreTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new StoreTransaction(this, connection, transaction, connection.DisposeAsync);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    internal override async Task InsertAsync(StoreTransaction transaction, RowBatch batch, string? suffix, Action<ReturnedRow>? onRow,
        RowBatch? before, DbCommand? after, CancellationToken cancellationToken)
    {
        // One statement per batch: each column travels as one array and unnest turns them back into rows, which
        // costs one round trip and one parse for thousands of rows (a row-at-a-time INSERT costs a round trip each).
        // The statements before and after travel in the same round trip (a group commit makes six in all).
        using var statements = new NpgsqlBatch((NpgsqlConnection)transaction.Connection, (NpgsqlTransaction?)transaction.Transaction);
        if (before is { Count: > 0 })
        {
            statements.BatchCommands.Add(Insert(before, null));
        }

        if (batch.Count > 0)
        {
            statements.BatchCommands.Add(Insert(batch, suffix));
        }

        if (after is not null)
        {
            var command = new NpgsqlBatchCommand(after.CommandText);
            foreach (NpgsqlParameter parameter in after.Parameters)
            {
                command.Parameters.Add(parameter.Clone());
            }

            statements.BatchCommands.Add(command);
        }

        if (statements.BatchCommands.Count == 0)
        {
            return;
        }

        if (onRow is null || batch.Count == 0)
        {
            await statements.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var reader = await statements.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (before is { Count: > 0 })
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        var row = new ReturnedRow.FromReader(reader);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            onRow(row);
        }
    }

    private static NpgsqlBatchCommand Insert(RowBatch batch, string? suffix)
    {
        var names = string.Join(", ", batch.Columns.Select(c => c.Name));
        var arrays = string.Join(", ", batch.Columns.Select((c, i) => $"${(i + 1).ToString(CultureInfo.InvariantCulture)}::{c.PostgresType}[]"));
        var command = new NpgsqlBatchCommand($"INSERT INTO {batch.Table} ({names}) SELECT * FROM unnest({arrays}) {suffix}");
        foreach (var column in batch.Columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = column.ToArray() });
        }

        return command;
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
