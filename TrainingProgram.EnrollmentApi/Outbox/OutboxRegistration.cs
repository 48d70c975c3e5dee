using TrainingProgram.Messaging.Topology;

namespace TrainingProgram.EnrollmentApi.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The transactional outbox of enrollment events (TrainingProgram.Messaging): rows written with the enrollment
    /// change, relayed to the enrollments exchange on the "messaging" connection with confirms.
    /// </summary>
    public static IHostApplicationBuilder AddEnrollmentEventOutbox(this IHostApplicationBuilder builder) =>
        builder.AddOutbox<EnrollmentDbContext>("messaging", EnrollmentEventsTopology.Exchange);
}
