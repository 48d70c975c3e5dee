using Microsoft.EntityFrameworkCore;
using TrainingProgram.NotificationService.Data;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>The set-based writes that make sending idempotent and ordered: no entity loaded.</summary>
internal sealed class NotificationStore(NotificationDbContext db)
{
    private const string Pending = nameof(NotificationStatus.Pending);
    private const string Sent = nameof(NotificationStatus.Sent);
    private const string Superseded = nameof(NotificationStatus.Superseded);
    private const string Created = nameof(NotificationKind.EnrollmentCreated);
    private const string Cancelled = nameof(NotificationKind.EnrollmentCancelled);

    /// <summary>
    /// Inserts the notification if it is absent and claims it for <paramref name="claimDuration"/>. A plain INSERT ...
    /// ON CONFLICT DO NOTHING followed by "is it Sent?" would let two deliveries of the same event that run at the same
    /// moment both send; the claim makes the second one wait. One enrollment's notifications are decided one at a
    /// time (an advisory lock on the enrollment id), so that its cancellation never goes out before its confirmation:
    /// a cancellation waits while the confirmation is being sent, and a confirmation not yet sent when the cancellation
    /// is handled is superseded. Times come from the database's clock so that replicas agree on when a claim expires.
    /// </summary>
    public Task<ClaimResult> ClaimAsync(Notification notification, TimeSpan claimDuration, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({notification.EnrollmentId.ToString()}, 0))", token);
            var result = notification.Kind == NotificationKind.EnrollmentCancelled
                ? await ClaimCancellationAsync(notification, claimDuration, token)
                : await ClaimConfirmationAsync(notification, claimDuration, token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);

    private async Task<ClaimResult> ClaimConfirmationAsync(Notification notification, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        var cancellationHandled = await db.Notifications.AnyAsync(
            n => n.EnrollmentId == notification.EnrollmentId && n.Kind == NotificationKind.EnrollmentCancelled, cancellationToken);
        if (!cancellationHandled)
        {
            return await TryClaimAsync(notification, claimDuration, cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications AS n
                (event_id, enrollment_id, kind, recipient, subject, status, attempts, created_at, claimed_until)
            VALUES
                ({notification.EventId}, {notification.EnrollmentId}, {Created}, {notification.Recipient}, {notification.Subject},
                 {Superseded}, 0, now(), NULL)
            ON CONFLICT (event_id) DO UPDATE SET status = {Superseded}, claimed_until = NULL
                WHERE n.status <> {Sent}
            """, cancellationToken);
        return await StatusOfAsync(notification.EventId, cancellationToken) == NotificationStatus.Sent
            ? ClaimResult.AlreadySent
            : ClaimResult.Superseded;
    }

    private async Task<ClaimResult> ClaimCancellationAsync(Notification notification, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        var confirmationInFlight = await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM notifications
                           WHERE enrollment_id = {notification.EnrollmentId} AND kind = {Created}
                             AND status NOT IN ({Sent}, {Superseded}) AND claimed_until > now()) AS "Value"
            """).SingleAsync(cancellationToken);
        if (confirmationInFlight)
        {
            return ClaimResult.WaitForEarlier;
        }

        await db.Database.ExecuteSqlAsync($"""
            UPDATE notifications SET status = {Superseded}, claimed_until = NULL
            WHERE enrollment_id = {notification.EnrollmentId} AND kind = {Created} AND status = {Pending}
            """, cancellationToken);
        return await TryClaimAsync(notification, claimDuration, cancellationToken);
    }

    private async Task<ClaimResult> TryClaimAsync(Notification notification, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        var kind = notification.Kind.ToString();
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications AS n
                (event_id, enrollment_id, kind, recipient, subject, status, attempts, created_at, claimed_until)
            VALUES
                ({notification.EventId}, {notification.EnrollmentId}, {kind}, {notification.Recipient}, {notification.Subject},
                 {Pending}, 0, now(), now() + {claimDuration})
            ON CONFLICT (event_id) DO UPDATE SET claimed_until = excluded.claimed_until
                WHERE n.status NOT IN ({Sent}, {Superseded}) AND (n.claimed_until IS NULL OR n.claimed_until < now())
            """, cancellationToken);
        if (claimed == 1)
        {
            return ClaimResult.Claimed;
        }

        return await StatusOfAsync(notification.EventId, cancellationToken) switch
        {
            NotificationStatus.Sent => ClaimResult.AlreadySent,
            NotificationStatus.Superseded => ClaimResult.Superseded,
            _ => ClaimResult.HeldElsewhere,
        };
    }

    private Task<NotificationStatus> StatusOfAsync(Guid eventId, CancellationToken cancellationToken) =>
        db.Notifications.Where(n => n.EventId == eventId).Select(n => n.Status).FirstAsync(cancellationToken);

    /// <summary>Plain SQL, as the claim: this runs once per email, and ExecuteUpdate compiles a delegate for its setters on every call.</summary>
    public Task<int> MarkSentAsync(Guid eventId, DateTimeOffset sentAt, string? traceId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE notifications
            SET status = {Sent}, sent_at = {sentAt}, trace_id = {traceId},
                attempts = attempts + 1, last_error = NULL, claimed_until = NULL
            WHERE event_id = {eventId}
            """, cancellationToken);

    /// <summary>Gives the claim up without a failure (the service is stopping before it sends).</summary>
    public Task<int> ReleaseClaimAsync(Guid eventId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"UPDATE notifications SET claimed_until = NULL WHERE event_id = {eventId} AND status <> {Sent}", cancellationToken);

    /// <summary>Records a failed attempt that will be retried, and releases the claim so the retry need not wait for it.</summary>
    public Task<int> RecordFailedAttemptAsync(Guid eventId, string error, CancellationToken cancellationToken) =>
        RecordFailureAsync(eventId, error, NotificationStatus.Pending, countAttempt: true, cancellationToken);

    /// <summary>Releases the claim after an outage, which is not the message's failure: no attempt is counted.</summary>
    public Task<int> ReleaseAsync(Guid eventId, string error, CancellationToken cancellationToken) =>
        RecordFailureAsync(eventId, error, NotificationStatus.Pending, countAttempt: false, cancellationToken);

    /// <summary>
    /// Records that the email will not be sent (unless an operator replays the dead letter). The attempts that led
    /// here were counted as they failed.
    /// </summary>
    public Task<int> MarkFailedAsync(Guid eventId, string reason, CancellationToken cancellationToken) =>
        RecordFailureAsync(eventId, reason, NotificationStatus.Failed, countAttempt: false, cancellationToken);

    private Task<int> RecordFailureAsync(Guid eventId, string error, NotificationStatus status, bool countAttempt, CancellationToken cancellationToken) =>
        db.Notifications
            .Where(notification => notification.EventId == eventId
                && notification.Status != NotificationStatus.Sent && notification.Status != NotificationStatus.Superseded)
            .ExecuteUpdateAsync(set => set
                .SetProperty(notification => notification.Status, status)
                .SetProperty(notification => notification.Attempts, notification => notification.Attempts + (countAttempt ? 1 : 0))
                .SetProperty(notification => notification.LastError, Truncate(error))
                .SetProperty(notification => notification.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> settled notifications created before <paramref name="cutoff"/>.</summary>
    public Task<int> PurgeSettledAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM notifications
            WHERE event_id IN (SELECT event_id FROM notifications
                               WHERE created_at < {cutoff} AND status <> {Pending}
                               ORDER BY created_at LIMIT {batchSize})
            """, cancellationToken);

    private static string Truncate(string error) => error.Length <= 2000 ? error : error[..2000];
}
