namespace TrainingProgram.Tests.Notifications;

/// <summary>An enrollment event as the Enrollment API publishes it (docs/events.md, v1), with fresh ids and a unique address.</summary>
public sealed record TestEnrollmentEvent(
    Guid EventId,
    string EventType,
    int EventVersion,
    DateTimeOffset OccurredAt,
    Guid EnrollmentId,
    Guid StudentId,
    string StudentNumber,
    string StudentName,
    string StudentEmail,
    Guid CourseId,
    string CourseCode,
    string CourseTitle)
{
    public static TestEnrollmentEvent Created(string studentName = "Ada Lovelace", string courseCode = "CS101", string courseTitle = "Introduction to Programming") =>
        new(Guid.CreateVersion7(), "EnrollmentCreated", 1, DateTimeOffset.UtcNow, Guid.CreateVersion7(), Guid.CreateVersion7(),
            $"T{Guid.NewGuid():N}"[..20], studentName, $"student-{Guid.NewGuid():N}@example.edu", Guid.CreateVersion7(), courseCode, courseTitle);

    /// <summary>The cancellation of this event's enrollment.</summary>
    public TestEnrollmentEvent Cancelled() => this with
    {
        EventId = Guid.CreateVersion7(),
        EventType = "EnrollmentCancelled",
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public string RoutingKey => EventType == "EnrollmentCancelled" ? "enrollment.cancelled" : "enrollment.created";
}
