using Microsoft.EntityFrameworkCore;
using Npgsql;
using TrainingProgram.NotificationService.Data;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>The set-based writes that make sending idempotent and ordered: no entity loaded.</summary>
internal sealed class NotificationStore(NotificationDbContext db)
{
    private const string Pending = nameof(NotificationStatus.Pending);
    private const string Sent = nameof(NotificationStatus.Sent);
    private const string Superseded = nameof(NotificationStatus.Superseded);

    /// <summary>
    /// Inserts each notification if it is absent and claims it for <paramref name="claimDuration"/>. A plain INSERT ...
    /// ON CONFLICT DO NOTHING followed by "is it Sent?" would let two deliveries of the same event that run at the same
    /// moment both send; the claim makes the second one wait. One subject's notifications are decided one at a time
    /// (an advisory lock on the subject id), so that its closing email never goes out before its opening one
    /// (<see cref="NotificationKinds"/>): a cancellation waits while the confirmation is being sent, and a confirmation
    /// not yet sent when the cancellation is handled is superseded; the same for a waitlist offer and its lapse. Times come from the database's clock so that replicas agree on when a claim expires.
    /// </summary>
    /// <remarks>
    /// One round trip for the whole batch (<see cref="NotificationWrites"/>): the batch's subject locks, then each
    /// notification's claim and read-back, go in one NpgsqlBatch, which PostgreSQL runs in one implicit transaction
    /// (the locks are held until it ends) and in which each statement takes its own snapshot, so a claim sees
    /// everything committed before the locks were granted, and the claims before it in the batch.
    /// </remarks>
    public Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<Notification> notifications, TimeSpan claimDuration, CancellationToken cancellationToken) =>
        InOneBatchAsync(async (batch, token) =>
        {
            batch.BatchCommands.Add(LockSubjects(notifications.Select(n => n.SubjectId)));
            foreach (var notification in notifications)
            {
                var (opening, closing) = notification.Kind.Pair();
                object?[] claim =
                [
                    notification.EventId, notification.SubjectId, notification.Recipient, notification.Subject, claimDuration,
                    opening.ToString(), closing.ToString(), (object?)notification.StudentNumber ?? DBNull.Value,
                ];
                batch.BatchCommands.Add(notification.Kind.IsClosing()
                    ? Command(ClaimClosingSql, claim)
                    : Command(ClaimOpeningSql, [.. claim, (object?)notification.SendBy ?? DBNull.Value]));
                batch.BatchCommands.Add(Command(ReadBackSql, notification.EventId, notification.SubjectId, opening.ToString()));
            }

            var results = new ClaimResult[notifications.Count];
            await using var reader = await batch.ExecuteReaderAsync(token);
            for (var i = 0; i < notifications.Count; i++)
            {
                await reader.NextResultAsync(token); // past the locks, or the previous read-back
                var claimed = await reader.ReadAsync(token) ? reader.GetString(0) : null;
                await reader.NextResultAsync(token);
                await reader.ReadAsync(token);
                var status = reader.IsDBNull(0) ? null : reader.GetString(0);
                var openingInFlight = reader.GetBoolean(1);
                results[i] = Decide(notifications[i].Kind, claimed, status, openingInFlight);
            }

            return (IReadOnlyList<ClaimResult>)results;
        }, cancellationToken);

    /// <summary>
    /// Fills and runs one NpgsqlBatch on the context's connection (one round trip, one implicit transaction), retried
    /// as a whole by the execution strategy.
    /// </summary>
    private Task<T> InOneBatchAsync<T>(Func<NpgsqlBatch, CancellationToken, Task<T>> run, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await db.Database.OpenConnectionAsync(token);
            try
            {
                await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
                return await run(batch, token);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);

    /// <summary>
    /// The subjects' advisory locks, each once, in the order of their keys: every batch that writes notifications
    /// (claims, Sent records) takes its subjects' locks first and in that order, and only then their rows, so two
    /// batches of two replicas cannot wait for each other in a cycle. The key is the one the claim has always used,
    /// so replicas of an earlier version still exclude this one during a rolling deploy.
    /// </summary>
    private static NpgsqlBatchCommand LockSubjects(IEnumerable<Guid> subjectIds) => Command("""
        SELECT pg_advisory_xact_lock(k)
        FROM (SELECT DISTINCT hashtextextended(s, 0) AS k FROM unnest($1::text[]) AS u(s) ORDER BY k) AS keys
        """, (object)subjectIds.Select(id => id.ToString()).ToArray()); // one parameter: the array, not params

    private static ClaimResult Decide(NotificationKind kind, string? claimed, string? status, bool openingInFlight) =>
        (claimed, status) switch
        {
            (Superseded, _) => ClaimResult.Superseded,
            ({ }, _) => ClaimResult.Claimed,
            (null, Sent) => ClaimResult.AlreadySent,
            (null, Superseded) => ClaimResult.Superseded,
            _ when kind.IsClosing() && openingInFlight => ClaimResult.WaitForEarlier,
            _ => ClaimResult.HeldElsewhere,
        };

    /// <summary>
    /// $1 event, $2 subject, $3 recipient, $4 subject line, $5 claim duration, $6 opening kind, $7 closing kind, $8 the
    /// recipient's student number (absent from events published before it was in the contract), $9 the time after
    /// which it must not be sent (an offer's deadline) or null. An opening email whose subject's closing event was
    /// handled, or whose $9 has passed, is stored (or turned) Superseded instead of claimed.
    /// </summary>
    private const string ClaimOpeningSql = $"""
        INSERT INTO notifications AS n
            (event_id, subject_id, kind, recipient, student_number, subject, status, attempts, created_at, claimed_until)
        SELECT $1, $2, $6, $3, $8::varchar, $4,
               CASE WHEN c.handled THEN '{Superseded}' ELSE '{Pending}' END, 0, now(),
               CASE WHEN c.handled THEN NULL ELSE now() + $5 END
        FROM (SELECT EXISTS (SELECT 1 FROM notifications WHERE subject_id = $2 AND kind = $7)
                     OR ($9::timestamptz <= now()) IS TRUE AS handled) AS c
        ON CONFLICT (event_id) DO UPDATE
            SET status = CASE WHEN excluded.status = '{Superseded}' THEN '{Superseded}' ELSE n.status END,
                claimed_until = excluded.claimed_until,
                student_number = coalesce(n.student_number, excluded.student_number)
            WHERE n.status NOT IN ('{Sent}', '{Superseded}')
              AND (excluded.status = '{Superseded}' OR n.claimed_until IS NULL OR n.claimed_until < now())
        RETURNING n.status
        """;

    /// <summary>
    /// Parameters $1 to $8 as above (a closing email is always due). Unless the subject's opening email is being sent
    /// right now (then nothing changes and the closing one waits), an unsent opening email is superseded and the closing
    /// one claimed.
    /// </summary>
    private const string ClaimClosingSql = $"""
        WITH opening AS (
            SELECT EXISTS (SELECT 1 FROM notifications
                           WHERE subject_id = $2 AND kind = $6
                             AND status NOT IN ('{Sent}', '{Superseded}') AND claimed_until > now()) AS in_flight),
        superseded AS (
            UPDATE notifications SET status = '{Superseded}', claimed_until = NULL
            WHERE subject_id = $2 AND kind = $6 AND status = '{Pending}'
              AND NOT (SELECT in_flight FROM opening))
        INSERT INTO notifications AS n
            (event_id, subject_id, kind, recipient, student_number, subject, status, attempts, created_at, claimed_until)
        SELECT $1, $2, $7, $3, $8::varchar, $4, '{Pending}', 0, now(), now() + $5
        FROM opening WHERE NOT opening.in_flight
        ON CONFLICT (event_id) DO UPDATE
            SET claimed_until = excluded.claimed_until, student_number = coalesce(n.student_number, excluded.student_number)
            WHERE n.status NOT IN ('{Sent}', '{Superseded}') AND (n.claimed_until IS NULL OR n.claimed_until < now())
        RETURNING n.status
        """;

    /// <summary>$1 event, $2 subject, $3 opening kind: the event's status after the claim, and whether its subject's opening email is being sent.</summary>
    private const string ReadBackSql = $"""
        SELECT (SELECT status FROM notifications WHERE event_id = $1),
               EXISTS (SELECT 1 FROM notifications
                       WHERE subject_id = $2 AND kind = $3
                         AND status NOT IN ('{Sent}', '{Superseded}') AND claimed_until > now())
        """;

    private static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    /// <summary>
    /// Records that the SMTP server accepted these emails, in one statement for the batch
    /// (<see cref="NotificationWrites"/>), after their subjects' locks (<see cref="LockSubjects"/>): a redelivery's
    /// claim of one of these rows would otherwise wait for this batch while holding another row it wants.
    /// </summary>
    public Task<int> MarkSentAsync(IReadOnlyList<SentEmail> emails, CancellationToken cancellationToken) =>
        InOneBatchAsync((batch, token) =>
        {
            batch.BatchCommands.Add(LockSubjects(emails.Select(e => e.SubjectId)));
            batch.BatchCommands.Add(Command(MarkSentSql, emails.Select(e => e.EventId).ToArray(), emails.Select(e => e.AcceptedAt).ToArray(),
                emails.Select(e => e.TraceId).ToArray()));
            return batch.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    /// <summary>$1 event ids, $2 when the SMTP server accepted each, $3 the trace of each one's delivery.</summary>
    private const string MarkSentSql = $"""
        UPDATE notifications AS n
        SET status = '{Sent}', sent_at = s.sent_at, trace_id = s.trace_id,
            attempts = n.attempts + 1, last_error = NULL, claimed_until = NULL
        FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS s(event_id, sent_at, trace_id)
        WHERE n.event_id = s.event_id
        """;

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
