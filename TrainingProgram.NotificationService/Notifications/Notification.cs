namespace TrainingProgram.NotificationService.Notifications;

/// <summary>One email this service owes a student: one row per event, which is what makes delivery idempotent.</summary>
internal sealed class Notification
{
    public Guid EventId { get; set; }
    /// <summary>What the event is about: the enrollment, or the waitlist entry whose offer it is.</summary>
    public Guid SubjectId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Recipient { get; set; }

    /// <summary>
    /// The student the email is for, by student number: what a student's token names, and unique, where an address is
    /// not. Null on notifications of events published before the number was in the contract: only registrars see those.
    /// </summary>
    public string? StudentNumber { get; set; }

    /// <summary>As long as the Enrollment API's student numbers may be.</summary>
    public const int StudentNumberMaxLength = 32;

    /// <summary>
    /// Not stored: the moment after which this email must not go out (a waitlist offer's claim deadline). Past it, by
    /// the database's clock, the claim stores it Superseded instead, and the offer's lapse is the email the student
    /// gets.
    /// </summary>
    public DateTimeOffset? SendBy { get; set; }
    public required string Subject { get; set; }
    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The trace of the delivery that sent the email: the trace of the HTTP request that caused it.</summary>
    public string? TraceId { get; set; }

    /// <summary>Set while a consumer is sending this email, so a concurrent duplicate delivery does not send it too.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
