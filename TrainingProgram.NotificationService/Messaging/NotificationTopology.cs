using TrainingProgram.Messaging.Consuming;
using TrainingProgram.Messaging.Topology;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>The queue this service consumes: every enrollment event (docs/notification-service.md).</summary>
internal static class NotificationTopology
{
    public const string Queue = "notification-service.enrollments";

    public static ConsumerTopology Consumer { get; } = new(Queue,
        [new QueueBinding(EnrollmentEventsTopology.Exchange, EnrollmentEventsTopology.AllEnrollmentEvents)]);
}
