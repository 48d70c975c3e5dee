namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>
/// A successful POST /enrollments made with an Idempotency-Key, written in the same transaction as its outcome: the
/// enrollment, or the place in a full course's waitlist. A key is the caller's own: the same key from another caller
/// is another key, so nobody can take a key before its owner or learn whether it is in use.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who made the request: the token's subject (<see cref="Security.Caller.Subject"/>).</summary>
    public required string Caller { get; init; }
    public required string Key { get; init; }
    public required string RequestFingerprint { get; init; }
    public Guid? EnrollmentId { get; init; }
    public Enrollment? Enrollment { get; init; }
    public Guid? WaitlistEntryId { get; init; }
    public WaitlistEntry? WaitlistEntry { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
