using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.UnitTests.Notifications;

/// <summary>The batching of the claims and Sent records (pure logic: the database side is covered by the delivery tests).</summary>
public sealed class WriteBatcherTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly List<string[]> _batches = [];
    private readonly TaskCompletionSource _firstBatchEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WriteBatcher<string, string> _batcher;
    private int _writes;

    public WriteBatcherTests() : this(maxBatchSize: 16, mayBeOneItemsFault: _ => true)
    {
    }

    private WriteBatcherTests(int maxBatchSize, Func<Exception, bool> mayBeOneItemsFault) =>
        _batcher = new WriteBatcher<string, string>(WriteAsync, maxBatchSize, mayBeOneItemsFault);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Holds the first batch until released, refuses any batch holding "bad" (as a database refuses a row) or "down".</summary>
    private async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<string> items, CancellationToken cancellationToken)
    {
        lock (_batches)
        {
            _batches.Add([.. items]);
        }

        if (Interlocked.Increment(ref _writes) == 1)
        {
            _firstBatchEntered.SetResult();
            await _releaseFirstBatch.Task;
        }

        if (items.Contains("bad"))
        {
            throw new InvalidOperationException("refused: bad");
        }

        if (items.Contains("down"))
        {
            throw new TimeoutException("the database is down");
        }

        return [.. items.Select(item => item.ToUpperInvariant())];
    }

    /// <summary>Starts a first write and waits until its batch is in flight, so that what follows queues behind it.</summary>
    private async Task<Task<string>> FirstWriteInFlightAsync()
    {
        var first = _batcher.WriteAsync("first", Ct);
        await _firstBatchEntered.Task.WaitAsync(Timeout, Ct);
        return first;
    }

    [Fact]
    public async Task A_lone_write_goes_without_waiting_for_company_in_a_batch_of_its_own()
    {
        var one = _batcher.WriteAsync("one", Ct);
        await _firstBatchEntered.Task.WaitAsync(Timeout, Ct);
        Assert.Equal([["one"]], _batches);

        _releaseFirstBatch.SetResult();
        Assert.Equal("ONE", await one.WaitAsync(Timeout, Ct));
    }

    private static readonly AsyncLocal<string?> CallerFlow = new();

    [Fact]
    public async Task A_lone_write_is_made_by_its_own_caller_and_a_write_that_had_to_wait_by_the_batchers_loop()
    {
        var flows = new List<string?>();
        var loneInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseLone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var batcher = new WriteBatcher<string, string>(
            async (items, _) =>
            {
                lock (flows)
                {
                    flows.Add(CallerFlow.Value);
                }

                if (items[0] == "lone")
                {
                    loneInFlight.SetResult();
                    await releaseLone.Task;
                }

                return items;
            },
            maxBatchSize: 16, mayBeOneItemsFault: _ => false);

        CallerFlow.Value = "the lone write's caller";
        var lone = batcher.WriteAsync("lone", Ct);
        await loneInFlight.Task.WaitAsync(Timeout, Ct);
        CallerFlow.Value = "the waiting write's caller";
        var waiting = batcher.WriteAsync("waiting", Ct);
        releaseLone.SetResult();

        Assert.Equal(["lone", "waiting"], await Task.WhenAll(lone, waiting).WaitAsync(Timeout, Ct));
        Assert.Equal(["the lone write's caller", null], flows);
    }

    [Fact]
    public async Task Completing_waits_for_a_lone_write_in_flight_and_refuses_later_writes()
    {
        var first = await FirstWriteInFlightAsync();

        var completing = _batcher.CompleteAsync(Ct);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _batcher.WriteAsync("too late", Ct));
        Assert.False(completing.IsCompleted, "the lone write is still in flight");

        _releaseFirstBatch.SetResult();
        await completing.WaitAsync(Timeout, Ct);
        Assert.Equal("FIRST", await first.WaitAsync(Timeout, Ct));
        Assert.Equal([["first"]], _batches);
    }

    [Fact]
    public async Task Writes_that_arrive_while_a_batch_is_in_flight_go_together_in_the_next_one_and_each_gets_its_own_result()
    {
        var first = await FirstWriteInFlightAsync();
        var next = ((string[])["b", "c", "d", "e"]).Select(item => _batcher.WriteAsync(item, Ct)).ToArray();

        _releaseFirstBatch.SetResult();

        Assert.Equal("FIRST", await first.WaitAsync(Timeout, Ct));
        Assert.Equal(["B", "C", "D", "E"], await Task.WhenAll(next).WaitAsync(Timeout, Ct));
        Assert.Equal([["first"], ["b", "c", "d", "e"]], _batches);
    }

    [Fact]
    public async Task No_batch_is_larger_than_the_largest_size()
    {
        await using var batcher = new WriteBatcherTests(maxBatchSize: 3, mayBeOneItemsFault: _ => true);
        var first = await batcher.FirstWriteInFlightAsync();
        var next = Enumerable.Range(1, 7).Select(i => batcher._batcher.WriteAsync($"w{i}", Ct)).ToArray();

        batcher._releaseFirstBatch.SetResult();

        await Task.WhenAll([first, .. next]).WaitAsync(Timeout, Ct);
        Assert.Equal([1, 3, 3, 1], batcher._batches.Select(batch => batch.Length));
    }

    [Fact]
    public async Task A_batch_refused_because_of_one_item_fails_only_that_items_caller()
    {
        var first = await FirstWriteInFlightAsync();
        var good = _batcher.WriteAsync("good", Ct);
        var bad = _batcher.WriteAsync("bad", Ct);
        var alsoGood = _batcher.WriteAsync("also good", Ct);

        _releaseFirstBatch.SetResult();

        Assert.Equal("GOOD", await good.WaitAsync(Timeout, Ct));
        Assert.Equal("ALSO GOOD", await alsoGood.WaitAsync(Timeout, Ct));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Timeout, Ct));
        Assert.Equal("refused: bad", refused.Message);
        Assert.Equal([["first"], ["good", "bad", "also good"], ["good"], ["bad"], ["also good"]], _batches);
        await first;
    }

    [Fact]
    public async Task An_outage_fails_every_caller_of_the_batch_without_trying_each_item_alone_and_the_next_batch_still_goes()
    {
        await using var batcher = new WriteBatcherTests(maxBatchSize: 16, mayBeOneItemsFault: ex => ex is not TimeoutException);
        var first = await batcher.FirstWriteInFlightAsync();
        var writes = ((string[])["a", "down", "c"]).Select(item => batcher._batcher.WriteAsync(item, Ct)).ToArray();

        batcher._releaseFirstBatch.SetResult();

        foreach (var write in writes)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => write.WaitAsync(Timeout, Ct));
        }

        Assert.Equal([["first"], ["a", "down", "c"]], batcher._batches);
        Assert.Equal("LATER", await batcher._batcher.WriteAsync("later", Ct).WaitAsync(Timeout, Ct));
        await first;
    }

    [Fact]
    public async Task A_write_cancelled_while_it_waits_for_its_batch_is_not_made()
    {
        var first = await FirstWriteInFlightAsync();
        using var cancellation = new CancellationTokenSource();
        var cancelled = _batcher.WriteAsync("cancelled", cancellation.Token);
        var kept = _batcher.WriteAsync("kept", Ct);

        await cancellation.CancelAsync();
        _releaseFirstBatch.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout, Ct));
        Assert.Equal("KEPT", await kept.WaitAsync(Timeout, Ct));
        Assert.Equal([["first"], ["kept"]], _batches);
        await first;
    }

    [Fact]
    public async Task A_batch_in_flight_is_cancelled_only_once_every_caller_in_it_gave_up()
    {
        var batches = new List<string[]>();
        var entered = new SemaphoreSlim(0);
        await using var batcher = new WriteBatcher<string, string>(
            async (items, cancellationToken) =>
            {
                lock (batches)
                {
                    batches.Add([.. items]);
                }

                entered.Release();
                await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
                return items;
            },
            maxBatchSize: 16, mayBeOneItemsFault: _ => false);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        using var third = new CancellationTokenSource();
        var alone = batcher.WriteAsync("alone", first.Token);
        Assert.True(await entered.WaitAsync(Timeout, Ct));
        var together = new[] { batcher.WriteAsync("b", second.Token), batcher.WriteAsync("c", third.Token) };

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => alone.WaitAsync(Timeout, Ct));
        Assert.True(await entered.WaitAsync(Timeout, Ct));

        await second.CancelAsync();
        Assert.False(together[0].IsCompleted, "c still waits for the batch: it goes on");

        await third.CancelAsync();
        foreach (var write in together)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(Timeout, Ct));
        }

        Assert.Equal([["alone"], ["b", "c"]], batches);
    }

    public async ValueTask DisposeAsync()
    {
        _releaseFirstBatch.TrySetResult();
        await _batcher.DisposeAsync();
    }
}
