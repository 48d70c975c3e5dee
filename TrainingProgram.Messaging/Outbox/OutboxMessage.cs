using System.Diagnostics;
using System.Text.Json;
using TrainingProgram.Messaging.Tracing;

namespace TrainingProgram.Messaging.Outbox;

/// <summary>
/// An event waiting to be published, written in the same transaction as the change it announces: it exists
/// if and only if that change committed. The trace context of the request that caused it travels with it.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxActorLength = 255;

    private static readonly JsonSerializerOptions ContractJson = new(JsonSerializerDefaults.Web);

    /// <summary>Publishing order.</summary>
    public long Id { get; private set; }

    public Guid EventId { get; private init; }

    public required string EventType { get; init; }

    public int EventVersion { get; init; }

    public required string RoutingKey { get; init; }

    public required string Payload { get; init; }

    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    /// <summary>Who made the change (token <c>sub</c>); travels as an AMQP header, outside the event's contract.</summary>
    public string? Actor { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the broker confirmed it; null while pending.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the broker first returned it as unroutable; null if it never did.</summary>
    public DateTimeOffset? UnroutableSince { get; set; }

    /// <summary>
    /// When the relay stopped trying: the broker kept returning it as unroutable for longer than
    /// <see cref="OutboxOptions.UnroutableGiveUpAfter"/> from <see cref="UnroutableSince"/>. Null while it is pending or published.
    /// </summary>
    public DateTimeOffset? GivenUpAt { get; set; }

    /// <summary>How many times the broker answered for it: refusals, plus the confirm that published it.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time: a row the broker refused (unroutable, nacked) backs off instead of looping.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The row for <paramref name="event"/>, caused by <paramref name="cause"/> (usually the request's activity).</summary>
    public static OutboxMessage For<TEvent>(TEvent @event, Activity? cause, string? actor)
        where TEvent : IIntegrationEvent => new()
    {
        Actor = actor,
        EventId = @event.EventId,
        EventType = @event.EventType,
        EventVersion = @event.EventVersion,
        RoutingKey = @event.RoutingKey,
        Payload = JsonSerializer.Serialize(@event, ContractJson),
        TraceParent = AmqpTraceContext.TraceParentOf(cause),
        TraceState = TraceStateLimit.Apply(cause?.TraceStateString),
        OccurredAt = @event.OccurredAt,
        // Due at once, whichever clock wrote OccurredAt (a replica's, or the database's for an offer): compared with
        // the relay's clock, a writer's clock ahead of it would hold the row back. Only a failed attempt sets a due time.
        NextAttemptAt = DateTimeOffset.UnixEpoch,
    };
}
