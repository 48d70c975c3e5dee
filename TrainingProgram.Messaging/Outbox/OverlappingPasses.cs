namespace TrainingProgram.Messaging.Outbox;

/// <summary>
/// Runs the relay's passes so that each overlaps the next: once a pass has sent its publishes it waits for the broker's
/// confirms and marks its rows while the next pass may already start, so an event committed meanwhile does not queue
/// behind those confirms. Never more than two passes at once, so a broker that stops confirming holds two batches, not
/// a pile of them.
/// </summary>
/// <remarks>
/// The passes lock disjoint rows (FOR UPDATE SKIP LOCKED, as replicas do). Their publishes usually leave in the order
/// the rows were taken, but not always (a channel being reopened, a pass retried), which consumers must bear anyway.
/// </remarks>
internal sealed class OverlappingPasses
{
    private Task<bool>? _confirming;

    /// <summary>
    /// Starts a pass and returns once it has sent its publishes, or has ended, and the pass before it has ended:
    /// whether another pass should start at once (a full batch went out, and the pass before, if any, also found more).
    /// A failure of either pass that has happened by then is thrown here; one of this pass after that is thrown by the
    /// next call or by <see cref="FinishAsync"/>.
    /// </summary>
    /// <param name="startPass">
    /// Runs one pass, given what to complete once its publishes are sent (with whether they are a full batch); returns
    /// whether more may be waiting (a full batch, not all of it failing).
    /// </param>
    public async Task<bool> RunNextAsync(Func<TaskCompletionSource<bool>, Task<bool>> startPass)
    {
        var fullBatchSent = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = _confirming;
        var pass = startPass(fullBatchSent);
        _confirming = pass;
        await Task.WhenAny(fullBatchSent.Task, pass);
        // A pass whose publishes all failed (a broker away) ends false: the next call then stops at its full batch too,
        // so the relay waits for its poll instead of taking due batches in turns without a pause.
        var previousFoundMore = previous is null || await previous;
        if (!pass.IsCompleted)
        {
            return await fullBatchSent.Task && previousFoundMore;
        }

        _confirming = null;
        return await pass;
    }

    /// <summary>Waits for the pass still confirming, if any, and throws its failure.</summary>
    public async Task FinishAsync()
    {
        var confirming = _confirming;
        _confirming = null;
        if (confirming is not null)
        {
            await confirming;
        }
    }
}
