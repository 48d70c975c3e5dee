using System.Globalization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TrainingProgram.ServiceDefaults.Messaging;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// Re-publishes a delivery to a delay queue or to the dead-letter exchange, on one long-lived channel with publisher
/// confirms, and returns only once the broker has confirmed it: the caller may then ack the original. Messages are
/// mandatory, so one that no queue takes fails here instead of vanishing. Body, properties and headers (message-id,
/// type, traceparent, ...) are kept.
/// </summary>
internal sealed class DeliveryRepublisher(IConnection connection, TimeProvider time) : IAsyncDisposable
{
    private IChannel? _channel;

    public async Task OpenAsync(CancellationToken cancellationToken) =>
        _channel ??= await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);

    public Task RetryAsync(BasicDeliverEventArgs delivery, RetryTier tier, int failedAttempts, CancellationToken cancellationToken)
    {
        var properties = CopyProperties(delivery);
        properties.Headers![MessageHeaders.RetryAttempt] = failedAttempts;
        return PublishAsync(exchange: "", routingKey: tier.QueueName, properties, delivery.Body, cancellationToken);
    }

    public Task DeadLetterAsync(BasicDeliverEventArgs delivery, string reason, CancellationToken cancellationToken)
    {
        var properties = CopyProperties(delivery);
        properties.Headers![MessageHeaders.FailureReason] = reason;
        properties.Headers[MessageHeaders.FailedAt] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return PublishAsync(EnrollmentEventsTopology.DeadLetterExchange, NotificationTopology.Queue, properties, delivery.Body, cancellationToken);
    }

    private async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var channel = _channel ?? throw new InvalidOperationException("The republishing channel is not open.");
        // With confirmation tracking on, this completes when the broker confirms, and throws if it nacks or returns the message.
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }
}
