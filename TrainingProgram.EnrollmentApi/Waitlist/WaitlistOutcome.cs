namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>Everything accepting an offer or leaving a line can come to; <see cref="WaitlistApi"/> answers each.</summary>
public abstract record WaitlistOutcome
{
    /// <param name="Replayed">True when an earlier request accepted it and this one changed nothing.</param>
    public sealed record Accepted(Enrollment Enrollment, bool Replayed) : WaitlistOutcome;

    /// <summary>The entry as it now is: left, declined, or closed before this request (then nothing changed).</summary>
    public sealed record Closed(WaitlistEntry Entry) : WaitlistOutcome;

    public sealed record NotFound(Guid EntryId) : WaitlistOutcome;

    /// <summary>Accepting an entry that is still waiting, or that closed without an enrollment.</summary>
    public sealed record NoOpenOffer(WaitlistEntry Entry) : WaitlistOutcome;

    public sealed record OfferExpired(WaitlistEntry Entry) : WaitlistOutcome;

    /// <summary>Leaving an entry that became an enrollment: the enrollment is cancelled instead.</summary>
    public sealed record AlreadyEnrolled(WaitlistEntry Entry) : WaitlistOutcome;
}
