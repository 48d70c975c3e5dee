namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>
/// Cancels an enrollment and frees its seat in one transaction. Only the request whose conditional update
/// moves the row from Active to Cancelled frees the seat, so repeated or concurrent cancels free it once. A
/// student's cancel matches only their own enrollments: another's is not found. A freed seat goes to the course's
/// waitlist in the same transaction (<see cref="FreedSeats"/>).
/// </summary>
public sealed class CancelEnrollment(EnrollmentDbContext db, FreedSeats freedSeats, DatabaseClock databaseClock, OutboxSignal outbox)
{
    public Task<CancelOutcome> ExecuteAsync(Guid enrollmentId, Caller caller, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => CancelInOneTransactionAsync(enrollmentId, caller, token),
            cancellationToken);

    private async Task<CancelOutcome> CancelInOneTransactionAsync(Guid enrollmentId, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The database's time: a seat this frees may become an offer, whose deadline counts from it.
        var now = await databaseClock.NowAsync(cancellationToken);
        var (anyStudent, ownNumber) = (caller.IsRegistrar, caller.StudentNumber);
        var callers = db.Enrollments.Where(e => anyStudent || e.Student.StudentNumber == ownNumber);
        var cancelled = await callers
            .Where(e => e.Id == enrollmentId && e.Status == EnrollmentStatus.Active)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, EnrollmentStatus.Cancelled)
                .SetProperty(e => e.CancelledAt, now)
                .SetProperty(e => e.CancelledBy, caller.Subject),
                cancellationToken);

        var enrollment = await callers
            .AsNoTracking()
            .Include(e => e.Student)
            .Include(e => e.Course)
            .SingleOrDefaultAsync(e => e.Id == enrollmentId, cancellationToken);
        if (enrollment is null)
        {
            return new CancelOutcome.NotFound(enrollmentId);
        }

        if (cancelled == 0)
        {
            return new CancelOutcome.Cancelled(enrollment, AlreadyCancelled: true);
        }

        await db.Courses
            .Where(c => c.Id == enrollment.CourseId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.SeatsTaken, c => c.SeatsTaken - 1), cancellationToken);
        db.OutboxMessages.Add(OutboxMessage.For(
            EnrollmentEvent.EnrollmentCancelled(enrollment, enrollment.Student, enrollment.Course, now), Activity.Current, caller.Subject));
        await db.SaveChangesAsync(cancellationToken);
        await freedSeats.PassAsync(enrollment.CourseId, now, caller.Subject, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return new CancelOutcome.Cancelled(enrollment, AlreadyCancelled: false);
    }
}
