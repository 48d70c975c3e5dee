namespace TrainingProgram.Messaging.Outbox;

/// <summary>
/// Runs the relay's passes so that each overlaps the next: once a pass has sent its publishes it waits for the broker's
/// confirms and marks its rows while the next pass may already start, so an event committed meanwhile does not queue
/// behind those confirms. Never more than two passes at once, so a broker that stops confirming holds two batches, not
/// a pile of them.
/// </summary>
/// <remarks>
/// The passes lock disjoint rows (FOR UPDATE SKIP LOCKED, as replicas do), and a pass sends its publishes on the one
/// publishing channel before the next starts, so they leave in the order they were taken.
/// </remarks>
internal sealed class OverlappingPasses
{
    private Task _confirming = Task.CompletedTask;

    /// <summary>
    /// Starts a pass and returns once it has sent its publishes, or has ended, and the pass before it has ended:
    /// whether another pass should start at once (a full batch went out, so more may be waiting). A failure of this
    /// pass before its publishes, or of the one before it, is thrown here; one of this pass after its publishes is
    /// thrown by the next call or by <see cref="FinishAsync"/>.
    /// </summary>
    /// <param name="startPass">
    /// Runs one pass, given what to complete once its publishes are sent (with whether they are a full batch); returns
    /// whether more may be waiting.
    /// </param>
    public async Task<bool> RunNextAsync(Func<TaskCompletionSource<bool>, Task<bool>> startPass)
    {
        var fullBatchSent = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = _confirming;
        var pass = startPass(fullBatchSent);
        _confirming = pass;
        await Task.WhenAny(fullBatchSent.Task, pass);
        await previous;
        if (!pass.IsCompleted)
        {
            return await fullBatchSent.Task;
        }

        _confirming = Task.CompletedTask;
        return await pass;
    }

    /// <summary>Waits for the pass still confirming, if any, and throws its failure.</summary>
    public async Task FinishAsync()
    {
        var confirming = _confirming;
        _confirming = Task.CompletedTask;
        await confirming;
    }
}
