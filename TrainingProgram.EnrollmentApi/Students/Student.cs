namespace TrainingProgram.EnrollmentApi.Students;

public sealed class Student
{
    public const int StudentNumberMaxLength = 32;
    public const int FullNameMaxLength = 200;
    public const int EmailMaxLength = 254;

    public Guid Id { get; init; }
    public required string StudentNumber { get; init; }
    public required string FullName { get; init; }
    public required string Email { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
