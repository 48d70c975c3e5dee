using System.Diagnostics;
using System.Text.Json;
using TrainingProgram.ServiceDefaults.Messaging;

namespace TrainingProgram.EnrollmentApi.Outbox;

/// <summary>
/// An event waiting to be published, written in the same transaction as the change it announces: it exists
/// if and only if that change committed. The trace context of the request that caused it travels with it.
/// </summary>
public sealed class OutboxMessage
{
    private static readonly JsonSerializerOptions ContractJson = new(JsonSerializerDefaults.Web);

    /// <summary>Publishing order.</summary>
    public long Id { get; private set; }

    public Guid EventId { get; private init; }

    public required string EventType { get; init; }

    public required string RoutingKey { get; init; }

    public required string Payload { get; init; }

    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    /// <summary>Who made the change (token <c>sub</c>); travels as an AMQP header, outside the event's contract.</summary>
    public string? Actor { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the broker confirmed it; null while pending.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>How many times the broker answered for it: refusals, plus the confirm that published it.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time: a row the broker refused (unroutable, nacked) backs off instead of looping.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage For(EnrollmentEvent @event, Activity? cause, string actor) => new()
    {
        Actor = actor,
        EventId = @event.EventId,
        EventType = @event.EventType,
        RoutingKey = @event.RoutingKey,
        Payload = JsonSerializer.Serialize(@event, ContractJson),
        TraceParent = AmqpTraceContext.TraceParentOf(cause),
        TraceState = TraceStateLimit.Apply(cause?.TraceStateString),
        OccurredAt = @event.OccurredAt,
        NextAttemptAt = @event.OccurredAt,
    };
}
