namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>
/// A successful POST /enrollments made with an Idempotency-Key, written in the same transaction as its outcome: the
/// enrollment, or the place in a full course's waitlist.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; init; }
    public required string RequestFingerprint { get; init; }
    public Guid? EnrollmentId { get; init; }
    public Enrollment? Enrollment { get; init; }
    public Guid? WaitlistEntryId { get; init; }
    public WaitlistEntry? WaitlistEntry { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
