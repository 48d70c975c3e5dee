namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

public sealed record CreateEnrollmentRequest([NotEmptyGuid] Guid StudentId, [NotEmptyGuid] Guid CourseId);
