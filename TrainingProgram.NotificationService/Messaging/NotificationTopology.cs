using RabbitMQ.Client;
using TrainingProgram.ServiceDefaults.Messaging;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// The exchanges and queues this service consumes from, declared idempotently at start-up (RabbitMQ 3.10 and 4.x).
/// Every queue is a quorum queue: replicated when the broker is a cluster, and the only type that offers
/// at-least-once dead-lettering and a delivery limit. See docs/notification-service.md.
/// </summary>
internal static class NotificationTopology
{
    public const string Queue = "notification-service.enrollments";
    public const string DeadLetterQueue = Queue + ".dead-letter";

    /// <summary>The broker's own safety net: a message that crashes the consumer before its ack this often is dead-lettered.</summary>
    public const int DeliveryLimit = 10;

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        // Same arguments as the Enrollment API's declaration (durable topic, no arguments), so neither side's fails.
        await channel.ExchangeDeclareAsync(EnrollmentEventsTopology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false,
            arguments: null, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(EnrollmentEventsTopology.DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false,
            arguments: null, cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(DeadLetterQueue, EnrollmentEventsTopology.DeadLetterExchange, routingKey: Queue,
            cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: MainQueueArguments(), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(Queue, EnrollmentEventsTopology.Exchange, EnrollmentEventsTopology.AllEnrollmentEvents,
            cancellationToken: cancellationToken);

        foreach (var tier in RetrySchedule.Tiers)
        {
            await channel.QueueDeclareAsync(tier.QueueName, durable: true, exclusive: false, autoDelete: false,
                arguments: RetryQueueArguments(tier), cancellationToken: cancellationToken);
        }
    }

    public static Dictionary<string, object?> MainQueueArguments() => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-delivery-limit"] = DeliveryLimit,
        ["x-dead-letter-exchange"] = EnrollmentEventsTopology.DeadLetterExchange,
        ["x-dead-letter-routing-key"] = Queue,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };

    /// <summary>
    /// A delay queue has no consumer: its messages expire after the tier's delay and are dead-lettered, through the
    /// default exchange, back to the main queue, at least once.
    /// </summary>
    public static Dictionary<string, object?> RetryQueueArguments(RetryTier tier) => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-message-ttl"] = (int)tier.Delay.TotalMilliseconds,
        ["x-dead-letter-exchange"] = "",
        ["x-dead-letter-routing-key"] = Queue,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };
}
