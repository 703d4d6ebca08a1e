using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Pledge.Storage;

/// <summary>
/// Group commit: callers enqueue items and await their result; one writer loop takes whatever is queued (up to
/// <c>maxBatch</c>), commits it in one transaction, then completes every caller's task. A caller's task completes only
/// after its batch committed durably, and one fsync is shared by the whole batch — that is how the ledger acknowledges
/// tens of thousands of durable appends per second. If a batch fails, every caller in it gets the exception (and may
/// retry with the same idempotency key).
/// </summary>
/// <remarks>
/// With <c>writers</c> above one, that many loops take batches from the same queue, so one batch is built and sent
/// while the one before it waits for its flush (PostgreSQL, where units of work run concurrently). The store keeps
/// what must stay ordered in order: the audit chain's head is locked for the last moment of each transaction.
/// </remarks>
internal sealed class GroupCommitQueue<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _channel;
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<TResult[]>> _commit;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Task _loops;

    public GroupCommitQueue(Func<IReadOnlyList<TItem>, CancellationToken, Task<TResult[]>> commit, int maxBatch, int capacity, int writers, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _commit = commit;
        _maxBatch = maxBatch;
        _logger = logger;
        _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = writers == 1, FullMode = BoundedChannelFullMode.Wait });
        _loops = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(RunAsync)));
    }

    /// <summary>Queues <paramref name="item"/>; the task completes when its batch has committed.</summary>
    public async Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(pending))
        {
            await _channel.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }

        // Cancelling stops the wait, not the write: a queued item may still commit (a retry with its key is safe).
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var items = new List<TItem>(_maxBatch);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            items.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                items.Add(pending.Item);
            }

            try
            {
                var results = await _commit(items, CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                StoreLog.GroupCommitFailed(_logger, batch.Count, e);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(e);
                }
            }
        }
    }

    /// <summary>Stops taking items, commits what is queued, and waits for the writer loops to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loops.ConfigureAwait(false);
    }

    private readonly record struct Pending(TItem Item, TaskCompletionSource<TResult> Completion);
}
