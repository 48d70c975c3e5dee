namespace TrainingProgram.Messaging.Topology;

/// <summary>
/// The RabbitMQ names both sides of the enrollment events agree on (docs/events.md). Queues belong to their
/// consumer and are declared there.
/// </summary>
public static class EnrollmentEventsTopology
{
    /// <summary>Durable topic exchange the Enrollment API publishes every enrollment event to.</summary>
    public const string Exchange = "trainingprogram.enrollments";

    public const string EnrollmentCreatedRoutingKey = "enrollment.created";
    public const string EnrollmentCancelledRoutingKey = "enrollment.cancelled";
    public const string WaitlistOfferMadeRoutingKey = "enrollment.waitlist-offer-made";
    public const string WaitlistOfferLapsedRoutingKey = "enrollment.waitlist-offer-lapsed";

    /// <summary>Binding pattern for every enrollment event.</summary>
    public const string AllEnrollmentEvents = "enrollment.*";
}
