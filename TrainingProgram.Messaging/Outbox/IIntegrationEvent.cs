namespace TrainingProgram.Messaging.Outbox;

/// <summary>What the outbox needs to know of an event; the event's type and its JSON body belong to the service.</summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    /// <summary>The AMQP <c>type</c> property.</summary>
    string EventType { get; }

    /// <summary>The contract version, sent as the <c>event-version</c> header.</summary>
    int EventVersion { get; }

    DateTimeOffset OccurredAt { get; }

    string RoutingKey { get; }
}
