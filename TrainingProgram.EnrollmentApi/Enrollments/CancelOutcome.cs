namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>Everything DELETE /enrollments/{id} can come to.</summary>
public abstract record CancelOutcome
{
    /// <param name="Enrollment">The enrollment as it now is: cancelled.</param>
    /// <param name="AlreadyCancelled">True when an earlier request cancelled it and this one changed nothing.</param>
    public sealed record Cancelled(Enrollment Enrollment, bool AlreadyCancelled) : CancelOutcome;

    public sealed record NotFound(Guid EnrollmentId) : CancelOutcome;
}
