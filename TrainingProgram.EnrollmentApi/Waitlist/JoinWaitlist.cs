namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// Puts a student in a full course's line, in one transaction that holds the course row (<see cref="FreedSeats"/>):
/// the checks below and the ticket that orders the line are decided one request at a time, so the waitlist never
/// exceeds its capacity and arrival order is kept.
/// </summary>
public sealed class JoinWaitlist(EnrollmentDbContext db, FreedSeats freedSeats, TimeProvider clock)
{
    public async Task<EnrollOutcome> ExecuteAsync(
        CreateEnrollmentRequest request, string? idempotencyKey, string fingerprint, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var course = await freedSeats.LockCourseAsync(request.CourseId, cancellationToken);
        if (course is null)
        {
            return new EnrollOutcome.CourseNotFound(request.CourseId);
        }

        var standing = await db.Students
            .Where(s => s.Id == request.StudentId)
            .Select(s => new
            {
                Student = s,
                OpenEntry = db.WaitlistEntries
                    .Where(e => e.StudentId == s.Id && e.CourseId == course.Id
                        && (e.Status == WaitlistEntryStatus.Waiting || e.Status == WaitlistEntryStatus.Offered))
                    .Select(e => (Guid?)e.Id)
                    .FirstOrDefault(),
                Enrolled = db.Enrollments.Any(e => e.StudentId == s.Id && e.CourseId == course.Id && e.Status == EnrollmentStatus.Active),
            })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);

        EnrollOutcome? refusal = standing switch
        {
            null => new EnrollOutcome.StudentNotFound(request.StudentId),
            { OpenEntry: { } entryId } => new EnrollOutcome.AlreadyWaitlisted(entryId, course.Id),
            { Enrolled: true } => new EnrollOutcome.AlreadyEnrolled(request.StudentId, course.Id),
            _ when course.SeatsLeft > 0 && course.WaitlistLength == 0 => new EnrollOutcome.SeatFreed(),
            _ when course.WaitlistCapacity == 0 => new EnrollOutcome.CourseFull(course),
            _ when course.WaitlistLength >= course.WaitlistCapacity => new EnrollOutcome.WaitlistFull(course),
            _ => null,
        };
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNowForDatabase();
        var entry = WaitlistEntry.Join(request.StudentId, course.Id, course.WaitlistTickets + 1, now, caller.Subject);
        db.WaitlistEntries.Add(entry);
        if (idempotencyKey is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Caller = caller.Subject,
                Key = idempotencyKey,
                RequestFingerprint = fingerprint,
                WaitlistEntryId = entry.Id,
                CreatedAt = now,
            });
        }

        await db.Database.ExecuteSqlAsync(
            $"UPDATE courses SET waitlist_length = waitlist_length + 1, waitlist_tickets = waitlist_tickets + 1 WHERE id = {course.Id}",
            cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(IdempotencyRecordConfiguration.PrimaryKey))
        {
            return new EnrollOutcome.IdempotencyKeyTaken();
        }

        await transaction.CommitAsync(cancellationToken);
        return new EnrollOutcome.Waitlisted(entry, course.WaitlistLength + 1, Replayed: false);
    }
}
