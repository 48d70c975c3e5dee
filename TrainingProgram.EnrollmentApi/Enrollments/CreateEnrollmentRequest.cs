namespace TrainingProgram.EnrollmentApi.Enrollments;

public sealed record CreateEnrollmentRequest(
    [NotEmptyGuid] Guid StudentId,
    [NotEmptyGuid] Guid CourseId);
