using System.Diagnostics;
using System.Threading.Channels;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>
/// Coalesces writes of one kind made by handlers running at once into one database round trip. A lone write goes at
/// once, made by its own caller (no timer, and no hand-over to another thread and back, so an idle service adds no
/// latency); writes that arrive while a batch is in flight go together in the next one, made by the batcher's loop.
/// One batch is in flight at a time. Each caller gets its own item's result, or the batch's failure.
/// </summary>
internal sealed class WriteBatcher<TItem, TResult> : IAsyncDisposable
{
    // Not SingleReader: that channel cannot count what waits in it, and a lone write looks at that count.
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _write;
    private readonly int _maxBatchSize;
    private readonly Func<Exception, bool> _mayBeOneItemsFault;
    private readonly SemaphoreSlim _inFlight = new(1, 1);
    private readonly Task _writing;
    private volatile bool _completed;

    /// <param name="write">
    /// Writes a batch as one transaction (all or nothing), returning a result per item, in order; cancelled when every
    /// caller in the batch has given up.
    /// </param>
    /// <param name="maxBatchSize">The most items in one batch.</param>
    /// <param name="mayBeOneItemsFault">
    /// Whether a failed batch is tried again item by item, to find the one at fault. Not when the server did not
    /// answer: each would wait for its own timeout.
    /// </param>
    public WriteBatcher(
        Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> write, int maxBatchSize, Func<Exception, bool> mayBeOneItemsFault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _write = write;
        _maxBatchSize = maxBatchSize;
        _mayBeOneItemsFault = mayBeOneItemsFault;
        // Not in the context of whoever created it (a delivery's span, its log scopes): each batch runs in its first
        // caller's trace instead (see WriteAsync).
        if (ExecutionContext.IsFlowSuppressed())
        {
            _writing = Task.Run(WriteBatchesAsync);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _writing = Task.Run(WriteBatchesAsync);
            }
        }
    }

    /// <summary>
    /// Cancelling gives the write up at once while it waits for its batch. Once its batch is sent, the batch is
    /// cancelled when every caller in it has given up (whether it was made is then unknown, as for any cancelled
    /// command); until then the write goes on and its result is returned.
    /// </summary>
    public async Task<TResult> WriteAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, Activity.Current, cancellationToken);
        // Nothing waiting and nothing in flight: a batch of one, written here. Whenever writes queue up, the loop takes
        // its turn next (this path is not taken while anything waits), so batches still form under load.
        if (!cancellationToken.IsCancellationRequested && _queue.Reader.Count == 0 && _inFlight.Wait(0, CancellationToken.None))
        {
            if (!_completed)
            {
                try
                {
                    pending.TryTake();
                    await WriteAsync([pending]);
                }
                finally
                {
                    _inFlight.Release();
                }

                return await pending.Completion.Task;
            }

            _inFlight.Release(); // completed: refused below
        }

        await using var registration = cancellationToken.Register(static (state, token) => ((Pending)state!).TryCancel(token), pending);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return await pending.Completion.Task;
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<Pending>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            await _inFlight.WaitAsync();
            try
            {
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    if (pending.TryTake())
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count > 0)
                {
                    await WriteAsync(batch);
                    batch.Clear();
                }
            }
            finally
            {
                _inFlight.Release();
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        // The batch's database spans go in the trace of the delivery that came first; the others' traces show the wait.
        Activity.Current = batch[0].Caller;
        using var everyCallerGaveUp = new CancellationTokenSource();
        var callersLeft = batch.Count;
        var registrations = batch.Select(pending => pending.CancellationToken.Register(() =>
        {
            if (Interlocked.Decrement(ref callersLeft) == 0)
            {
                everyCallerGaveUp.Cancel();
            }
        })).ToList();
        try
        {
            var results = await _write([.. batch.Select(pending => pending.Item)], everyCallerGaveUp.Token);
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} writes returned {results.Count} results.");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && _mayBeOneItemsFault(ex))
        {
            // The server refused the batch's transaction, so none of it was made. One item may be at fault (a row the
            // database refuses): each goes alone, so that only its own caller fails.
            foreach (var pending in batch)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            // Whatever it was, the loop goes on: a caller left waiting would hold its delivery for good.
            batch.ForEach(pending => pending.Completion.TrySetException(ex));
        }
        finally
        {
            registrations.ForEach(registration => registration.Dispose());
        }
    }

    /// <summary>Stops taking writes; those queued are still written.</summary>
    public void Complete()
    {
        _completed = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>
    /// Stops taking writes and waits (within <paramref name="cancellationToken"/>) for those queued, and a lone write in
    /// flight, to be written.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Complete();
        await _writing.WaitAsync(cancellationToken);
        await _inFlight.WaitAsync(cancellationToken);
        _inFlight.Release();
    }

    public async ValueTask DisposeAsync() => await CompleteAsync(CancellationToken.None);

    private sealed class Pending(TItem item, Activity? caller, CancellationToken cancellationToken)
    {
        private const int Queued = 0, Taken = 1, Cancelled = 2;
        private int _state;

        public TItem Item { get; } = item;

        public Activity? Caller { get; } = caller;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        // Asynchronous continuations: the callers' work after their write must not hold up the next batch.
        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        public void TryCancel(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                Completion.TrySetCanceled(token);
            }
        }
    }
}
