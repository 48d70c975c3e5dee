namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

/// <summary>Published through the outbox with every new enrollment; its handler sends the confirmation email.</summary>
public sealed record EnrollmentCreated(
    Guid EventId,
    Guid EnrollmentId,
    string StudentEmail,
    string StudentName,
    string CourseCode,
    string CourseTitle,
    DateTimeOffset OccurredAt);
