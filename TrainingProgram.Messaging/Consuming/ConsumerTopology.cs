namespace TrainingProgram.Messaging.Consuming;

/// <summary>The queue a service consumes, and the exchanges (declared as durable topic exchanges) it is bound to.</summary>
public sealed record ConsumerTopology(string Queue, IReadOnlyList<QueueBinding> Bindings)
{
    public string DeadLetterQueue => Topology.DeadLetterTopology.QueueFor(Queue);

    public string RetryQueueName(RetryTier tier) => $"{Queue}.retry.{tier.Name}";
}

/// <summary>A binding of the consumed queue to a topic exchange.</summary>
public sealed record QueueBinding(string Exchange, string RoutingPattern);
