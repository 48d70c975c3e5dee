namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// Closes the offers whose deadline has passed and passes their seats on, one course per transaction. Driven by the
/// database alone: replicas may run it side by side (each course's row lock makes them take turns, and an offer
/// closes once), and an offer that expired while no replica ran is closed at the next pass.
/// </summary>
public sealed class ExpireOffers(EnrollmentDbContext db, FreedSeats freedSeats, DatabaseClock databaseClock, OutboxSignal outbox)
{
    public const int CoursesPerPass = 50;

    /// <summary>Courses with at least one offer past its deadline at <paramref name="now"/>, the longest overdue first.</summary>
    public Task<List<Guid>> FindCoursesWithExpiredOffersAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.WaitlistEntries
            .Where(e => e.Status == WaitlistEntryStatus.Offered && e.OfferExpiresAt <= now)
            .GroupBy(e => e.CourseId)
            .OrderBy(course => course.Min(e => e.OfferExpiresAt))
            .Select(course => course.Key)
            .Take(CoursesPerPass)
            .ToListAsync(cancellationToken);

    /// <summary>The database's time now: the clock offer deadlines are set and compared on.</summary>
    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => databaseClock.NowAsync(cancellationToken);

    /// <summary>The earliest deadline of an open offer, if any.</summary>
    public Task<DateTimeOffset?> NextDeadlineAsync(CancellationToken cancellationToken) =>
        db.WaitlistEntries
            .Where(e => e.Status == WaitlistEntryStatus.Offered)
            .MinAsync(e => e.OfferExpiresAt, cancellationToken);

    /// <summary>Expires the course's offers past their deadline; returns how many it closed (0 if another replica did).</summary>
    public Task<int> ExpireAsync(Guid courseId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var course = await freedSeats.LockCourseAsync(courseId, token);
            if (course is null)
            {
                return 0;
            }

            var expired = await db.WaitlistEntries
                .Include(e => e.Student)
                .Where(e => e.CourseId == courseId && e.Status == WaitlistEntryStatus.Offered && e.OfferExpiresAt <= now)
                .OrderBy(e => e.Ticket)
                .ToListAsync(token);
            if (expired.Count == 0)
            {
                return 0;
            }

            foreach (var entry in expired)
            {
                entry.Status = WaitlistEntryStatus.Expired;
                entry.ClosedAt = now;
                entry.ClosedBy = Actors.Waitlist;
                db.OutboxMessages.Add(OutboxMessage.For(
                    WaitlistOfferEvent.OfferLapsed(entry, entry.Student, course, WaitlistEntryStatus.Expired), Activity.Current, Actors.Waitlist));
            }

            await db.Database.ExecuteSqlAsync($"UPDATE courses SET seats_held = seats_held - {expired.Count} WHERE id = {courseId}", token);
            await db.SaveChangesAsync(token);
            await freedSeats.PassAsync(courseId, now, Actors.Waitlist, token);
            await transaction.CommitAsync(token);
            outbox.Notify();
            return expired.Count;
        }, cancellationToken);
}
