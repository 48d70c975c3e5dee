namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// The fields both enrollment events carry (docs/events.md, version 1). These are this service's own types:
/// no contract assembly is shared with the publisher.
/// </summary>
internal abstract record EnrollmentEvent
{
    public required Guid EventId { get; init; }
    public required string EventType { get; init; }
    public required int EventVersion { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid EnrollmentId { get; init; }
    public required Guid StudentId { get; init; }
    public required string StudentName { get; init; }
    public required string StudentEmail { get; init; }
    public required Guid CourseId { get; init; }
    public required string CourseCode { get; init; }
    public required string CourseTitle { get; init; }
}

/// <summary>A student enrolled in a course.</summary>
internal sealed record EnrollmentCreated : EnrollmentEvent
{
    public const string TypeName = "EnrollmentCreated";
}

/// <summary>A student's enrollment was cancelled; <see cref="EnrollmentEvent.OccurredAt"/> is the cancellation time.</summary>
internal sealed record EnrollmentCancelled : EnrollmentEvent
{
    public const string TypeName = "EnrollmentCancelled";
}
