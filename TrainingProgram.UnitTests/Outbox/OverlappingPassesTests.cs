using TrainingProgram.Messaging.Outbox;

namespace TrainingProgram.UnitTests.Outbox;

/// <summary>How the relay's passes overlap (pure logic: the publishing and marking are covered by the pipeline tests).</summary>
public sealed class OverlappingPassesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly OverlappingPasses _passes = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A pass that sends its publishes at once and then waits for its confirms until released.</summary>
    /// <param name="findsMore">What it returns once confirmed: a full batch that went out (false: short, or all failed).</param>
    private sealed class Pass(bool fullBatch = false, Exception? failsAfterSending = null, bool? findsMore = null)
    {
        private readonly TaskCompletionSource _confirmed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Started { get; private set; }

        public bool Ended { get; private set; }

        public void Confirm() => _confirmed.SetResult();

        public async Task<bool> RunAsync(TaskCompletionSource<bool> fullBatchSent)
        {
            Started = true;
            fullBatchSent.SetResult(fullBatch);
            await _confirmed.Task;
            Ended = true;
            return failsAfterSending is null ? findsMore ?? fullBatch : throw failsAfterSending;
        }
    }

    [Fact]
    public async Task The_next_pass_starts_while_the_one_before_confirms_and_its_call_returns_only_once_that_one_has_ended()
    {
        var first = new Pass();
        var second = new Pass();
        Assert.False(await _passes.RunNextAsync(first.RunAsync).WaitAsync(Timeout, Ct));

        var secondRun = _passes.RunNextAsync(second.RunAsync);

        // Started beside the first; and, its call still waiting for the first, no third can start meanwhile.
        Assert.True(second.Started);
        Assert.False(secondRun.IsCompleted);
        first.Confirm();
        Assert.False(await secondRun.WaitAsync(Timeout, Ct));
        Assert.True(first.Ended);
        Assert.False(second.Ended);
        second.Confirm();
        await _passes.FinishAsync().WaitAsync(Timeout, Ct);
        Assert.True(second.Ended);
    }

    [Fact]
    public async Task A_full_batch_sent_asks_for_the_next_pass_at_once_without_waiting_for_its_confirms()
    {
        var full = new Pass(fullBatch: true);

        Assert.True(await _passes.RunNextAsync(full.RunAsync).WaitAsync(Timeout, Ct));
        Assert.False(full.Ended);
        full.Confirm();
        await _passes.FinishAsync().WaitAsync(Timeout, Ct);
    }

    [Fact]
    public async Task A_full_batch_sent_after_a_pass_whose_publishes_all_failed_waits_for_the_poll()
    {
        var allFailed = new Pass(fullBatch: true, findsMore: false);
        var next = new Pass(fullBatch: true);
        Assert.True(await _passes.RunNextAsync(allFailed.RunAsync).WaitAsync(Timeout, Ct));

        var nextRun = _passes.RunNextAsync(next.RunAsync);
        allFailed.Confirm();

        Assert.False(await nextRun.WaitAsync(Timeout, Ct));
        next.Confirm();
        await _passes.FinishAsync().WaitAsync(Timeout, Ct);
    }

    [Fact]
    public async Task A_pass_that_finds_nothing_ends_before_the_call_returns()
    {
        var ended = await _passes.RunNextAsync(_ => Task.FromResult(false)).WaitAsync(Timeout, Ct);

        Assert.False(ended);
        Assert.True(_passes.FinishAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failure_after_the_publishes_surfaces_at_the_next_pass_and_only_there()
    {
        var failing = new Pass(failsAfterSending: new InvalidOperationException("marking failed"));
        var next = new Pass();
        await _passes.RunNextAsync(failing.RunAsync).WaitAsync(Timeout, Ct);
        failing.Confirm();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _passes.RunNextAsync(next.RunAsync).WaitAsync(Timeout, Ct));

        Assert.Equal("marking failed", thrown.Message);
        Assert.True(next.Started);
        next.Confirm();
        await _passes.FinishAsync().WaitAsync(Timeout, Ct);
        Assert.True(next.Ended);
    }

    [Fact]
    public async Task A_failure_before_any_publish_is_thrown_by_the_call_that_started_the_pass()
    {
        var thrown = await Assert.ThrowsAsync<TimeoutException>(
            () => _passes.RunNextAsync(_ => Task.FromException<bool>(new TimeoutException("database away"))).WaitAsync(Timeout, Ct));

        Assert.Equal("database away", thrown.Message);
        Assert.True(_passes.FinishAsync().IsCompletedSuccessfully);
    }
}
