namespace TrainingProgram.NotificationService.Notifications;

/// <summary>An email the SMTP server accepted, to be recorded as Sent.</summary>
/// <param name="SubjectId">The enrollment or waitlist entry it is about, whose lock the record takes.</param>
/// <param name="TraceId">The trace of the delivery that sent it (the HTTP request's).</param>
internal sealed record SentEmail(Guid EventId, Guid SubjectId, DateTimeOffset AcceptedAt, string? TraceId);
