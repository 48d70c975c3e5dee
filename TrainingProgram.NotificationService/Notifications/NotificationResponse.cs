namespace TrainingProgram.NotificationService.Notifications;

/// <param name="EnrollmentId">The enrollment an enrollment email is about; null on a waitlist email.</param>
/// <param name="WaitlistEntryId">The waitlist entry a waitlist offer email is about; null on an enrollment email.</param>
/// <param name="LastError">Why the last attempt failed, for registrars; a student's view leaves it out (it names mail
/// servers and socket errors), <paramref name="Status"/> says all a student needs.</param>
internal sealed record NotificationResponse(
    Guid EventId,
    Guid? EnrollmentId,
    Guid? WaitlistEntryId,
    NotificationKind Kind,
    string Recipient,
    string Subject,
    NotificationStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? TraceId)
{
    public static NotificationResponse From(Notification notification, bool withFailureDetail) => new(
        notification.EventId,
        notification.Kind.IsAboutWaitlist() ? null : notification.SubjectId,
        notification.Kind.IsAboutWaitlist() ? notification.SubjectId : null,
        notification.Kind, notification.Recipient, notification.Subject, notification.Status, notification.Attempts,
        withFailureDetail ? notification.LastError : null, notification.CreatedAt, notification.SentAt, notification.TraceId);
}
