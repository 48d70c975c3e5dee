namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

public sealed class Enrollment
{
    public Guid Id { get; init; }
    public Guid StudentId { get; init; }
    public Guid CourseId { get; init; }
    public EnrollmentStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static Enrollment Activate(Guid studentId, Guid courseId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        StudentId = studentId,
        CourseId = courseId,
        Status = EnrollmentStatus.Active,
        CreatedAt = now,
    };
}
