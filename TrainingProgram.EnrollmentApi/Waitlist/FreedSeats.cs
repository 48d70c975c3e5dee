using Microsoft.Extensions.Options;

namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// Passes a course's free seats to the first students in its line, inside the transaction that freed them (a
/// cancellation, a declined or expired offer, a larger capacity), so that a free seat and a waiting student never
/// both exist once it commits. Every caller locks the course row first (<see cref="LockCourseAsync"/>), which makes
/// all changes to one course's seats and line take turns: first come is first offered, and enrolled plus held seats
/// stay within the capacity (a CHECK constraint stands behind that).
/// </summary>
public sealed class FreedSeats(EnrollmentDbContext db, IOptions<WaitlistOptions> options)
{
    /// <summary>The course as this transaction sees it, its row locked until the transaction ends; null if absent.</summary>
    public async Task<Course?> LockCourseAsync(Guid courseId, CancellationToken cancellationToken) =>
        (await db.Courses.FromSql($"SELECT * FROM courses WHERE id = {courseId} FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken))
        .SingleOrDefault();

    /// <summary>
    /// Offers (or, in automatic mode, gives) each free seat to the next student waiting. Returns how many moved.
    /// <paramref name="now"/> is the database's time (<see cref="DatabaseClock"/>): an offer's deadline counts from it,
    /// and every process compares deadlines with that clock.
    /// </summary>
    public async Task<int> PassAsync(Guid courseId, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        var course = await LockCourseAsync(courseId, cancellationToken)
            ?? throw new InvalidOperationException($"Course {courseId} does not exist.");
        var seats = Math.Min(course.SeatsLeft, course.WaitlistLength);
        if (seats <= 0)
        {
            return 0;
        }

        var nextInLine = await db.WaitlistEntries
            .Include(e => e.Student)
            .Where(e => e.CourseId == courseId && e.Status == WaitlistEntryStatus.Waiting)
            .OrderBy(e => e.Ticket)
            .Take(seats)
            .ToListAsync(cancellationToken);

        if (course.WaitlistPromotion == WaitlistPromotion.Automatic)
        {
            foreach (var entry in nextInLine)
            {
                var enrollment = Enrollment.Start(entry.StudentId, courseId, now, Actors.Waitlist);
                db.Enrollments.Add(enrollment);
                entry.Status = WaitlistEntryStatus.Enrolled;
                entry.EnrollmentId = enrollment.Id;
                entry.ClosedAt = now;
                entry.ClosedBy = Actors.Waitlist;
                db.OutboxMessages.Add(OutboxMessage.For(EnrollmentEvent.EnrollmentCreated(enrollment, entry.Student, course), Activity.Current, actor));
            }
        }
        else
        {
            foreach (var entry in nextInLine)
            {
                entry.Status = WaitlistEntryStatus.Offered;
                entry.OfferedAt = now;
                entry.OfferExpiresAt = (now + options.Value.ClaimPeriod).ForDatabase();
                db.OutboxMessages.Add(OutboxMessage.For(WaitlistOfferEvent.OfferMade(entry, entry.Student, course), Activity.Current, actor));
            }
        }

        var moved = nextInLine.Count;
        var (taken, held) = course.WaitlistPromotion == WaitlistPromotion.Automatic ? (moved, 0) : (0, moved);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE courses
            SET seats_taken = seats_taken + {taken}, seats_held = seats_held + {held}, waitlist_length = waitlist_length - {moved}
            WHERE id = {courseId}
            """, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return moved;
    }
}
