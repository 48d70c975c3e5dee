using Microsoft.EntityFrameworkCore;
using TrainingProgram.NotificationService.Data;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>The set-based writes that make sending idempotent: one round trip each, no entity loaded.</summary>
internal sealed class NotificationStore(NotificationDbContext db)
{
    /// <summary>
    /// Inserts the notification if it is absent and claims it for <paramref name="claimDuration"/>, in one statement.
    /// A plain INSERT ... ON CONFLICT DO NOTHING followed by "is it Sent?" would let two deliveries of the same event
    /// that run at the same moment (an outbox re-publish right behind the original) both send; the claim makes the
    /// second one wait. Times come from the database's clock so that replicas agree on when a claim expires.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(Notification notification, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        var kind = notification.Kind.ToString();
        var pending = nameof(NotificationStatus.Pending);
        var sent = nameof(NotificationStatus.Sent);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications AS n
                (event_id, enrollment_id, kind, recipient, subject, status, attempts, created_at, claimed_until)
            VALUES
                ({notification.EventId}, {notification.EnrollmentId}, {kind}, {notification.Recipient}, {notification.Subject},
                 {pending}, 0, now(), now() + {claimDuration})
            ON CONFLICT (event_id) DO UPDATE SET claimed_until = excluded.claimed_until
                WHERE n.status <> {sent} AND (n.claimed_until IS NULL OR n.claimed_until < now())
            """, cancellationToken);
        if (claimed == 1)
        {
            return ClaimResult.Claimed;
        }

        var status = await db.Notifications
            .Where(existing => existing.EventId == notification.EventId)
            .Select(existing => existing.Status)
            .FirstAsync(cancellationToken);
        return status == NotificationStatus.Sent ? ClaimResult.AlreadySent : ClaimResult.HeldElsewhere;
    }

    /// <summary>Plain SQL, as the claim: this runs once per email, and ExecuteUpdate compiles a delegate for its setters on every call.</summary>
    public Task<int> MarkSentAsync(Guid eventId, DateTimeOffset sentAt, string? traceId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE notifications
            SET status = {nameof(NotificationStatus.Sent)}, sent_at = {sentAt}, trace_id = {traceId},
                attempts = attempts + 1, last_error = NULL, claimed_until = NULL
            WHERE event_id = {eventId}
            """, cancellationToken);

    /// <summary>Records a failed attempt that will be retried, and releases the claim so the retry need not wait for it.</summary>
    public Task<int> RecordFailedAttemptAsync(Guid eventId, string error, CancellationToken cancellationToken) =>
        RecordFailureAsync(eventId, error, NotificationStatus.Pending, cancellationToken);

    /// <summary>Records the last failed attempt: the email will not be sent.</summary>
    public Task<int> MarkFailedAsync(Guid eventId, string error, CancellationToken cancellationToken) =>
        RecordFailureAsync(eventId, error, NotificationStatus.Failed, cancellationToken);

    private Task<int> RecordFailureAsync(Guid eventId, string error, NotificationStatus status, CancellationToken cancellationToken) =>
        db.Notifications
            .Where(notification => notification.EventId == eventId && notification.Status != NotificationStatus.Sent)
            .ExecuteUpdateAsync(set => set
                .SetProperty(notification => notification.Status, status)
                .SetProperty(notification => notification.Attempts, notification => notification.Attempts + 1)
                .SetProperty(notification => notification.LastError, Truncate(error))
                .SetProperty(notification => notification.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);

    private static string Truncate(string error) => error.Length <= 2000 ? error : error[..2000];
}
