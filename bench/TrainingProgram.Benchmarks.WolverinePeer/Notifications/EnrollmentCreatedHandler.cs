using TrainingProgram.Benchmarks.WolverinePeer.Data;
using TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

namespace TrainingProgram.Benchmarks.WolverinePeer.Notifications;

/// <summary>
/// Sends the confirmation email of a new enrollment, once: the notification row is claimed before the email goes
/// out and marked sent after, so a redelivered message whose email was sent does nothing. A failure anywhere is
/// left to Wolverine's retry policy.
/// </summary>
public static class EnrollmentCreatedHandler
{
    public static async Task HandleAsync(
        EnrollmentCreated message,
        PeerDbContext db,
        SmtpClientPool smtp,
        CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.EventId == message.EventId, cancellationToken);
        if (notification is { Status: NotificationStatus.Sent })
        {
            return;
        }

        if (notification is null)
        {
            notification = Notification.Claim(message, DateTimeOffset.UtcNow);
            db.Notifications.Add(notification);
        }

        notification.CountAttempt();
        await db.SaveChangesAsync(cancellationToken);

        await smtp.SendAsync(ConfirmationEmail.Compose(message), cancellationToken);

        notification.MarkSent(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
    }
}
