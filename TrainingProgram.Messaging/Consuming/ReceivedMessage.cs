using RabbitMQ.Client.Events;

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
    int FailedAttempts)
{
    /// <summary>The delivery as a handler sees it (where it was first published, its failed attempts so far).</summary>
    public static ReceivedMessage From(BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers;
        return new ReceivedMessage(
            delivery.BasicProperties.MessageId,
            delivery.BasicProperties.Type,
            MessageHeaders.ReadString(headers, MessageHeaders.OriginalExchange) ?? delivery.Exchange,
            MessageHeaders.ReadString(headers, MessageHeaders.OriginalRoutingKey) ?? delivery.RoutingKey,
            delivery.Body.ToArray(), // the client reuses the delivery's buffer once the handler returns
            headers,
            MessageHeaders.ReadInt(headers, MessageHeaders.RetryAttempt));
    }
}
