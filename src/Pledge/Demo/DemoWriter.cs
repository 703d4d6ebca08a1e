namespace Pledge.Demo;

/// <summary>
/// Where generated rows go: a bulk loader for one kind of database. Rows arrive interleaved across tables,
/// parents before their children; <see cref="CompleteAsync"/> builds keys, indexes and foreign keys and makes
/// the load visible in one step. Disposing without completing leaves nothing behind.
/// </summary>
internal abstract class DemoWriter : IAsyncDisposable
{
    /// <summary>Appends one row of <paramref name="table"/>, values in the table's column order.</summary>
    public abstract void Add(DemoTable table, object?[] row);

    /// <summary>Finishes the load: constraints, indexes, statistics, then the data replaces whatever was there.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
