using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TrainingProgram.Messaging.Publishing;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// Re-publishes a delivery to one of its queue's delay queues, with confirms: when it returns, the broker holds the
/// copy and the caller may ack the original. Body, properties and headers (message-id, type, traceparent ...) are kept.
/// </summary>
internal sealed class DeliveryRepublisher(ConfirmedPublisher publisher, ConsumerTopology topology)
{
    public Task RetryAsync(BasicDeliverEventArgs delivery, RetryTier tier, int failedAttempts, CancellationToken cancellationToken)
    {
        var properties = CopyProperties(delivery);
        properties.Headers![MessageHeaders.RetryAttempt] = failedAttempts;
        return publisher.PublishAsync(exchange: "", topology.RetryQueueName(tier), properties, delivery.Body, cancellationToken);
    }

    private static BasicProperties CopyProperties(BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers is { } original
            ? new Dictionary<string, object?>(original)
            : [];
        // A message from a delay queue arrives through the default exchange: keep where it first came from.
        headers.TryAdd(MessageHeaders.OriginalExchange, delivery.Exchange);
        headers.TryAdd(MessageHeaders.OriginalRoutingKey, delivery.RoutingKey);
        return new BasicProperties(delivery.BasicProperties)
        {
            Headers = headers,
            DeliveryMode = DeliveryModes.Persistent,
        };
    }
}
