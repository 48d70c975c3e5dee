namespace TrainingProgram.EnrollmentApi.Enrollments;

public sealed record EnrollmentResponse(
    Guid Id,
    Guid StudentId,
    Guid CourseId,
    EnrollmentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt)
{
    public static EnrollmentResponse From(Enrollment enrollment) => new(
        enrollment.Id,
        enrollment.StudentId,
        enrollment.CourseId,
        enrollment.Status,
        enrollment.CreatedAt,
        enrollment.CancelledAt);
}
