namespace TrainingProgram.EnrollmentApi.Enrollments;

public sealed class Enrollment
{
    public Guid Id { get; init; }
    public Guid StudentId { get; init; }
    public Student Student { get; init; } = null!;
    public Guid CourseId { get; init; }
    public Course Course { get; init; } = null!;
    public EnrollmentStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }

    public static Enrollment Start(Guid studentId, Guid courseId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        StudentId = studentId,
        CourseId = courseId,
        Status = EnrollmentStatus.Active,
        CreatedAt = now,
    };
}
