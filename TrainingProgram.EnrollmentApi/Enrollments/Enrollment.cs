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

    /// <summary>The subject (token <c>sub</c>) of whoever enrolled: the student, or a registrar for them.</summary>
    public required string CreatedBy { get; init; }

    public string? CancelledBy { get; init; }

    public static Enrollment Start(Guid studentId, Guid courseId, DateTimeOffset now, string actor) => new()
    {
        CreatedBy = actor,
        Id = Guid.CreateVersion7(now),
        StudentId = studentId,
        CourseId = courseId,
        Status = EnrollmentStatus.Active,
        CreatedAt = now,
    };
}
