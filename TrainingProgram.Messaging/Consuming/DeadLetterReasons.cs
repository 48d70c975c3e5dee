namespace TrainingProgram.Messaging.Consuming;

/// <summary>The reasons the library itself gives; handlers add their own through <see cref="RejectMessageException"/>.</summary>
public static class DeadLetterReasons
{
    /// <summary>The message failed <see cref="ConsumerOptions.MaxAttempts"/> times (its own fault, not an outage).</summary>
    public const string AttemptsExhausted = "attempts_exhausted";

    /// <summary>The broker dead-lettered it past the queue's delivery limit (it kept crashing or stopping the consumer).</summary>
    public const string DeliveryLimit = "delivery_limit";
}
