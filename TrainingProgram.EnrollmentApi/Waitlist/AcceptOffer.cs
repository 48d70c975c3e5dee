namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// Turns an open offer into an enrollment before its deadline, using the seat the offer held. The course row is
/// locked first, as by everything that changes its seats, so an accept racing the offer's expiry has one winner:
/// whichever gets the row decides, and the other sees the entry already closed.
/// </summary>
public sealed class AcceptOffer(EnrollmentDbContext db, FreedSeats freedSeats, DatabaseClock databaseClock, OutboxSignal outbox)
{
    public Task<WaitlistOutcome> ExecuteAsync(Guid entryId, Caller caller, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => AcceptInOneTransactionAsync(entryId, caller, token),
            cancellationToken);

    private async Task<WaitlistOutcome> AcceptInOneTransactionAsync(Guid entryId, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        if (await WaitlistEntries.FindLockedAsync(db, freedSeats, entryId, caller, cancellationToken) is not ({ } entry, { } course))
        {
            return new WaitlistOutcome.NotFound(entryId);
        }

        // The deadline was set, and is enforced by the expiry, on the database's clock: so is this comparison.
        var now = await databaseClock.NowAsync(cancellationToken);
        switch (entry.Status)
        {
            case WaitlistEntryStatus.Enrolled:
                return new WaitlistOutcome.Accepted(await db.Enrollments.AsNoTracking().SingleAsync(e => e.Id == entry.EnrollmentId, cancellationToken), Replayed: true);
            case WaitlistEntryStatus.Expired:
            case WaitlistEntryStatus.Offered when entry.OfferExpiresAt <= now:
                return new WaitlistOutcome.OfferExpired(entry);
            case not WaitlistEntryStatus.Offered:
                return new WaitlistOutcome.NoOpenOffer(entry);
        }

        var enrollment = Enrollment.Start(entry.StudentId, entry.CourseId, now, caller.Subject);
        db.Enrollments.Add(enrollment);
        entry.Status = WaitlistEntryStatus.Enrolled;
        entry.EnrollmentId = enrollment.Id;
        entry.ClosedAt = now;
        entry.ClosedBy = caller.Subject;
        db.OutboxMessages.Add(OutboxMessage.For(EnrollmentEvent.EnrollmentCreated(enrollment, entry.Student, course), Activity.Current, caller.Subject));
        await db.Database.ExecuteSqlAsync(
            $"UPDATE courses SET seats_held = seats_held - 1, seats_taken = seats_taken + 1 WHERE id = {course.Id}",
            cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(EnrollmentConfiguration.OneActivePerStudentAndCourse))
        {
            // Enrolled meanwhile (by a registrar, through a seat nobody waited for); the offer stays open until it is
            // declined or expires. Nothing above was saved: the entry is answered as it still is.
            (entry.Status, entry.EnrollmentId, entry.ClosedAt, entry.ClosedBy) = (WaitlistEntryStatus.Offered, null, null, null);
            return new WaitlistOutcome.AlreadyEnrolled(entry);
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return new WaitlistOutcome.Accepted(enrollment, Replayed: false);
    }
}
