namespace TrainingProgram.ServiceDefaults.Messaging;

/// <summary>
/// The RabbitMQ names both sides of the enrollment events agree on (docs/events.md). Queues belong to their
/// consumer and are declared there.
/// </summary>
public static class EnrollmentEventsTopology
{
    /// <summary>Durable topic exchange the Enrollment API publishes every enrollment event to.</summary>
    public const string Exchange = "trainingprogram.enrollments";

    /// <summary>Durable direct exchange that receives messages a consumer gave up on; routing key = the consumer's queue.</summary>
    public const string DeadLetterExchange = "trainingprogram.dead-letter";

    public const string EnrollmentCreatedRoutingKey = "enrollment.created";
    public const string EnrollmentCancelledRoutingKey = "enrollment.cancelled";

    /// <summary>Binding pattern for every enrollment event.</summary>
    public const string AllEnrollmentEvents = "enrollment.*";

    /// <summary>The AMQP content type of every event body.</summary>
    public const string ContentType = "application/json";
}
