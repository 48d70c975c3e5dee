using RabbitMQ.Client;
using TrainingProgram.Messaging.Topology;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// The exchanges and queues a consumer needs, declared idempotently at start-up (RabbitMQ 3.10 and 4.x). The main
/// queue and the delay queues are quorum queues: replicated when the broker is a cluster, and the only type that
/// offers at-least-once dead-lettering and a delivery limit. See docs/messaging.md.
/// </summary>
public static class QueueTopology
{
    /// <summary>
    /// The broker's own safety net against a message that crashes the consumer before its ack, set explicitly because
    /// RabbitMQ 3.10 has no default and 4.x one of 20. Nothing else relies on it: failed attempts are counted by the
    /// consumer in a header, and an outage holds messages instead of returning them. What passes it is dead-lettered
    /// to the dead-letter queue and from there into the dead-letter store, so it can still be replayed.
    /// </summary>
    public const int DeliveryLimit = 20;

    public static async Task DeclareAsync(IChannel channel, ConsumerTopology topology, RetrySchedule schedule, CancellationToken cancellationToken)
    {
        foreach (var exchange in topology.Bindings.Select(binding => binding.Exchange).Distinct())
        {
            // Same arguments as the publisher's declaration (durable topic, no arguments), so neither side's fails.
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false,
                arguments: null, cancellationToken: cancellationToken);
        }

        await DeclareDeadLetterQueueAsync(channel, topology, cancellationToken);

        await channel.QueueDeclareAsync(topology.Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: MainQueueArguments(topology), cancellationToken: cancellationToken);
        foreach (var binding in topology.Bindings)
        {
            await channel.QueueBindAsync(topology.Queue, binding.Exchange, binding.RoutingPattern, cancellationToken: cancellationToken);
        }

        foreach (var tier in schedule.Tiers)
        {
            await channel.QueueDeclareAsync(topology.RetryQueueName(tier), durable: true, exclusive: false, autoDelete: false,
                arguments: RetryQueueArguments(topology, tier), cancellationToken: cancellationToken);
        }
    }

    /// <summary>The dead-letter exchange, and the consumer's dead-letter queue bound to it.</summary>
    public static async Task DeclareDeadLetterQueueAsync(IChannel channel, ConsumerTopology topology, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(DeadLetterTopology.Exchange, ExchangeType.Direct, durable: true, autoDelete: false,
            arguments: null, cancellationToken: cancellationToken);

        // A classic queue: it has no delivery limit that could drop what it holds (4.x gives quorum queues one of 20).
        await channel.QueueDeclareAsync(topology.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: null, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(topology.DeadLetterQueue, DeadLetterTopology.Exchange, routingKey: topology.Queue,
            cancellationToken: cancellationToken);
    }

    public static Dictionary<string, object?> MainQueueArguments(ConsumerTopology topology) => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-delivery-limit"] = DeliveryLimit,
        ["x-dead-letter-exchange"] = DeadLetterTopology.Exchange,
        ["x-dead-letter-routing-key"] = topology.Queue,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };

    /// <summary>
    /// A delay queue has no consumer: its messages expire after the tier's delay and are dead-lettered, through the
    /// default exchange, back to the main queue, at least once.
    /// </summary>
    public static Dictionary<string, object?> RetryQueueArguments(ConsumerTopology topology, RetryTier tier) => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-message-ttl"] = (int)tier.Delay.TotalMilliseconds,
        ["x-dead-letter-exchange"] = "",
        ["x-dead-letter-routing-key"] = topology.Queue,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };
}
