namespace TrainingProgram.Testing.Notifications;

/// <summary>One item of the Notification Service's GET /notifications, as a registrar reads it.</summary>
/// <param name="EventId">The event it answers.</param>
/// <param name="EnrollmentId">The enrollment the event is about, if any.</param>
/// <param name="WaitlistEntryId">The waitlist entry the event is about, if any.</param>
/// <param name="Kind">The event type, e.g. EnrollmentCreated.</param>
/// <param name="Recipient">The address written to.</param>
/// <param name="Subject">The email's subject.</param>
/// <param name="Status">Pending, Sent, Failed, Superseded...</param>
/// <param name="Attempts">Attempts made to send it.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
/// <param name="CreatedAt">When the event was first handled.</param>
/// <param name="SentAt">When the SMTP server accepted it.</param>
/// <param name="TraceId">The trace it belongs to.</param>
public sealed record NotificationRecord(
    Guid EventId,
    Guid? EnrollmentId,
    Guid? WaitlistEntryId,
    string Kind,
    string Recipient,
    string Subject,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? TraceId);
