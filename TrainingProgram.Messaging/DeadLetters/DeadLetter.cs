namespace TrainingProgram.Messaging.DeadLetters;

/// <summary>
/// A message a consumer gave up on, kept in the consumer's database until an operator replays or discards it: body,
/// properties and headers as they arrived, and why it was given up on.
/// </summary>
public sealed class DeadLetter
{
    public long Id { get; private set; }

    /// <summary>The queue that gave up on it, and where a replay sends it.</summary>
    public required string Queue { get; init; }

    public string? MessageId { get; init; }

    public string? MessageType { get; init; }

    /// <summary>What it is about, as the handler names it (e.g. an enrollment id).</summary>
    public string? Subject { get; init; }

    public required string Exchange { get; init; }

    public required string RoutingKey { get; init; }

    /// <summary>Short, stable category, e.g. "unreadable", "permanent_failure", "attempts_exhausted", "delivery_limit".</summary>
    public required string Reason { get; init; }

    public required string Description { get; init; }

    /// <summary>Failed attempts before it was given up on.</summary>
    public int Attempts { get; init; }

    /// <summary>How many times it had been replayed before.</summary>
    public int Replays { get; init; }

    public DateTimeOffset DeadLetteredAt { get; init; }

    public string? ContentType { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The AMQP headers, as text (trace context, event-version, acting-subject ...), minus the retry counter.</summary>
    public Dictionary<string, string> Headers { get; init; } = [];

    public required byte[] Body { get; init; }
}
