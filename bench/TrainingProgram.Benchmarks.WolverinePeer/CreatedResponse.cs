namespace TrainingProgram.Benchmarks.WolverinePeer;

/// <summary>The answer to creating a student or a course: its id.</summary>
public sealed record CreatedResponse(Guid Id);
