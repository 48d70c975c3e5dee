namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>Everything POST /enrollments can come to; <see cref="EnrollmentsApi"/> turns each into its HTTP answer.</summary>
public abstract record EnrollOutcome
{
    /// <param name="Replayed">True when an earlier request with the same Idempotency-Key created it.</param>
    public sealed record Enrolled(Enrollment Enrollment, bool Replayed) : EnrollOutcome;

    /// <summary>A student asked to enroll someone else.</summary>
    public sealed record NotYourStudentRecord : EnrollOutcome;

    public sealed record StudentNotFound(Guid StudentId) : EnrollOutcome;

    public sealed record CourseNotFound(Guid CourseId) : EnrollOutcome;

    public sealed record WindowClosed(Course Course, EnrollmentWindowState State) : EnrollOutcome;

    public sealed record AlreadyEnrolled(Guid StudentId, Guid CourseId) : EnrollOutcome;

    public sealed record CourseFull(Course Course) : EnrollOutcome;

    /// <summary>The course is full and the student is now in its line (or was, for a replayed Idempotency-Key).</summary>
    public sealed record Waitlisted(WaitlistEntry Entry, int? Position, bool Replayed) : EnrollOutcome;

    public sealed record WaitlistFull(Course Course) : EnrollOutcome;

    /// <summary>The student is already in the course's line, waiting or holding an offer.</summary>
    public sealed record AlreadyWaitlisted(Guid EntryId, Guid CourseId) : EnrollOutcome;

    /// <summary>Internal: a seat freed while the request turned to the waitlist; the enrollment is tried again.</summary>
    internal sealed record SeatFreed : EnrollOutcome;

    public sealed record IdempotencyKeyReused : EnrollOutcome;

    /// <summary>Internal: a concurrent request with the same key committed first; resolved by reading its record.</summary>
    internal sealed record IdempotencyKeyTaken : EnrollOutcome;
}
