using System.Diagnostics.CodeAnalysis;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// The lives of one consumer channel. A life ends when the channel shuts down; the connection's automatic recovery
/// then gives the same channel object a new life, with new delivery tags, and the broker has every delivery of the
/// old life back. A delivery carries the token of the life it arrived in: once that is cancelled, its tag means
/// nothing to the broker (an ack would close the channel with "unknown delivery tag") and a wait on its behalf is moot.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A life's source is cancelled, never disposed: handlers of that life may still link to its token, and it holds no timer.")]
internal sealed class ChannelLives
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled when the life that is current now ends.</summary>
    public CancellationToken Current => Volatile.Read(ref _current).Token;

    /// <summary>The channel shut down: end the current life; deliveries from now on belong to the next.</summary>
    public Task EndAsync() => Interlocked.Exchange(ref _current, new CancellationTokenSource()).CancelAsync();
}
