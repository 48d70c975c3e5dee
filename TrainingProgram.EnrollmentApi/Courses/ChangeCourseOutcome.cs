namespace TrainingProgram.EnrollmentApi.Courses;

/// <summary>Everything PATCH /courses/{id} can come to.</summary>
public abstract record ChangeCourseOutcome
{
    public sealed record Changed(Course Course) : ChangeCourseOutcome;

    public sealed record NotFound(Guid CourseId) : ChangeCourseOutcome;

    /// <summary>The requested <paramref name="Field"/> is below what is in use: seats taken and held, or students waiting.</summary>
    public sealed record BelowInUse(Course Course, string Field, int Requested, int InUse) : ChangeCourseOutcome;
}
