namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

public sealed record EnrollmentResponse(Guid Id, Guid StudentId, Guid CourseId, EnrollmentStatus Status)
{
    public static EnrollmentResponse From(Enrollment enrollment) =>
        new(enrollment.Id, enrollment.StudentId, enrollment.CourseId, enrollment.Status);
}
