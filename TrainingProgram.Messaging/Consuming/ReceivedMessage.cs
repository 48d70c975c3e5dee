namespace TrainingProgram.Messaging.Consuming;

/// <summary>A delivery as a handler sees it.</summary>
/// <param name="Exchange">Where it was first published (a retried message comes back through the default exchange).</param>
/// <param name="FailedAttempts">Attempts of this message that failed so far; 0 on first delivery and after a replay.</param>
public sealed record ReceivedMessage(
    string? MessageId,
    string? Type,
    string Exchange,
    string RoutingKey,
    ReadOnlyMemory<byte> Body,
    IDictionary<string, object?>? Headers,
    int FailedAttempts);
