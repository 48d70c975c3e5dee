namespace TrainingProgram.Messaging.Outbox;

/// <summary>
/// Wakes this replica's relay as soon as a transaction with outbox rows commits, so events leave within
/// milliseconds instead of waiting for the next poll.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // Under load the signal is nearly always set already; checking first keeps the exception for the rare race.
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the relay's next pass picks up every committed row anyway.
        }
    }

    /// <summary>Returns when notified or when <paramref name="timeout"/> passes, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pending.Dispose();
}
