namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// Takes a student out of a course's line: a waiting student leaves it, a student holding an offer declines it and
/// the seat passes to the next in line in the same transaction. Leaving again changes nothing.
/// </summary>
public sealed class LeaveWaitlist(EnrollmentDbContext db, FreedSeats freedSeats, DatabaseClock databaseClock, OutboxSignal outbox)
{
    public Task<WaitlistOutcome> ExecuteAsync(Guid entryId, Caller caller, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => LeaveInOneTransactionAsync(entryId, caller, token),
            cancellationToken);

    private async Task<WaitlistOutcome> LeaveInOneTransactionAsync(Guid entryId, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        if (await WaitlistEntries.FindLockedAsync(db, freedSeats, entryId, caller, cancellationToken) is not ({ } entry, { } course))
        {
            return new WaitlistOutcome.NotFound(entryId);
        }

        var now = await databaseClock.NowAsync(cancellationToken);
        switch (entry.Status)
        {
            case WaitlistEntryStatus.Enrolled:
                return new WaitlistOutcome.AlreadyEnrolled(entry);
            case WaitlistEntryStatus.Waiting:
                entry.Status = WaitlistEntryStatus.Left;
                await db.Database.ExecuteSqlAsync($"UPDATE courses SET waitlist_length = waitlist_length - 1 WHERE id = {course.Id}", cancellationToken);
                break;
            case WaitlistEntryStatus.Offered:
                entry.Status = WaitlistEntryStatus.Declined;
                await db.Database.ExecuteSqlAsync($"UPDATE courses SET seats_held = seats_held - 1 WHERE id = {course.Id}", cancellationToken);
                break;
            default:
                return new WaitlistOutcome.Closed(entry);
        }

        entry.ClosedAt = now;
        entry.ClosedBy = caller.Subject;
        if (entry.Status == WaitlistEntryStatus.Declined)
        {
            db.OutboxMessages.Add(OutboxMessage.For(
                WaitlistOfferEvent.OfferLapsed(entry, entry.Student, course, WaitlistEntryStatus.Declined), Activity.Current, caller.Subject));
        }

        await db.SaveChangesAsync(cancellationToken);
        await freedSeats.PassAsync(course.Id, now, caller.Subject, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return new WaitlistOutcome.Closed(entry);
    }
}
