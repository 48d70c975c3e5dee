namespace TrainingProgram.Benchmarks.WolverinePeer.Courses;

public sealed class Course
{
    public Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Title { get; init; }
    public int Credits { get; init; }
    public int Capacity { get; init; }
    public int SeatsTaken { get; init; }
}
