namespace TrainingProgram.Messaging.Topology;

/// <summary>Where the broker puts what it gives up on itself (a message past its queue's delivery limit).</summary>
public static class DeadLetterTopology
{
    /// <summary>Durable direct exchange; routing key = the consumer's queue, bound to that queue's dead-letter queue.</summary>
    public const string Exchange = "trainingprogram.dead-letter";

    public static string QueueFor(string queue) => queue + ".dead-letter";
}
