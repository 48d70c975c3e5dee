using TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

namespace TrainingProgram.Benchmarks.WolverinePeer.Notifications;

/// <summary>One email to send for one event; the unique event id makes a redelivered event a duplicate.</summary>
public sealed class Notification
{
    public long Id { get; init; }
    public Guid EventId { get; init; }
    public Guid SubjectId { get; init; }
    public required string Kind { get; init; }
    public required string Recipient { get; init; }
    public NotificationStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; private set; }

    public static Notification Claim(EnrollmentCreated message, DateTimeOffset now) => new()
    {
        EventId = message.EventId,
        SubjectId = message.EnrollmentId,
        Kind = nameof(EnrollmentCreated),
        Recipient = message.StudentEmail,
        Status = NotificationStatus.Sending,
        CreatedAt = now,
    };

    public void CountAttempt() => Attempts++;

    public void MarkSent(DateTimeOffset now)
    {
        Status = NotificationStatus.Sent;
        SentAt = now;
    }
}
