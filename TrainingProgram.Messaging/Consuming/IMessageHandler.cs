namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// A service's handling of the messages of one queue. The consumer settles each message by what the handler does:
/// <list type="bullet">
/// <item>returns <see cref="HandlingResult.Handled"/>: acked;</item>
/// <item>returns <see cref="HandlingResult.RetryLater"/>: looked at again after a few seconds, without counting a failed attempt;</item>
/// <item>throws <see cref="DependencyUnavailableException"/>: held in memory, not counted, while the consumer pauses and
/// probes until the dependency answers again, however long that takes;</item>
/// <item>throws <see cref="RejectMessageException"/>: dead-lettered at once (unreadable, refused for good);</item>
/// <item>throws anything else: a failed attempt, retried after 1, 1, 5, 5, then 30 s, dead-lettered after
/// <see cref="ConsumerOptions.MaxAttempts"/>.</item>
/// </list>
/// Handlers must be idempotent: a message can be delivered again (a redelivery after a crash, a replay).
/// </summary>
public interface IMessageHandler
{
    Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>What the message is about, kept with a dead letter for operators (e.g. an enrollment id); null if unknown.</summary>
    string? SubjectOf(ReceivedMessage message) => null;

    /// <summary>Called once the message is in the dead letters, e.g. to record the final outcome. Best effort.</summary>
    Task OnDeadLetteredAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken) => Task.CompletedTask;
}
