namespace TrainingProgram.NotificationService.Notifications;

internal sealed record NotificationResponse(
    Guid EventId,
    Guid EnrollmentId,
    NotificationKind Kind,
    string Recipient,
    string Subject,
    NotificationStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? TraceId);
