namespace TrainingProgram.Benchmarks.WolverinePeer.Students;

public sealed class Student
{
    public Guid Id { get; init; }
    public required string StudentNumber { get; init; }
    public required string FullName { get; init; }
    public required string Email { get; init; }
}
