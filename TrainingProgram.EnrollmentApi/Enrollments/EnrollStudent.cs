namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>
/// Creates an enrollment. The rules hold under any concurrency because the database enforces them inside one
/// transaction: the partial unique index refuses a second active enrollment, and the conditional seat update
/// refuses a seat beyond capacity (with a CHECK constraint behind it).
/// </summary>
public sealed class EnrollStudent(EnrollmentDbContext db, JoinWaitlist joinWaitlist, TimeProvider clock, OutboxSignal outbox)
{
    /// <summary>
    /// Student and course in one round trip, compiled once: this is the hot path, and EF Core otherwise compiles a
    /// delegate to evaluate this query's subquery on every request (seen in the profile behind docs/benchmarks.md).
    /// </summary>
    private static readonly Func<EnrollmentDbContext, Guid, Guid, CancellationToken, Task<StudentAndCourse?>> FindStudentAndCourse =
        EF.CompileAsyncQuery((EnrollmentDbContext db, Guid studentId, Guid courseId, CancellationToken _) =>
            db.Students.AsNoTracking()
                .Where(s => s.Id == studentId)
                .Select(s => new StudentAndCourse(s, db.Courses.AsNoTracking().SingleOrDefault(c => c.Id == courseId)))
                .SingleOrDefault());

    public async Task<EnrollOutcome> ExecuteAsync(
        CreateEnrollmentRequest request, string? idempotencyKey, Caller caller, CancellationToken cancellationToken)
    {
        // Before anything else, the idempotency lookup included: a student's request names their own record or nothing.
        if (!caller.IsRegistrar && !await IsOwnRecordAsync(request.StudentId, caller, cancellationToken))
        {
            return new EnrollOutcome.NotYourStudentRecord();
        }

        var fingerprint = IdempotencyKey.Fingerprint(request);
        if (idempotencyKey is not null && await FindEarlierResultAsync(caller, idempotencyKey, fingerprint, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(
            token => EnrollInOneTransactionAsync(request, idempotencyKey, fingerprint, caller, token),
            cancellationToken);

        // A full course with a waitlist puts the student in line; a seat that frees meanwhile is taken instead. Whether
        // it has a line (and whether the student is in it already) is decided under the course's lock, not from the
        // course as read before.
        for (var turn = 0; turn < 3 && outcome is EnrollOutcome.CourseFull; turn++)
        {
            outcome = await strategy.ExecuteAsync(
                token => joinWaitlist.ExecuteAsync(request, idempotencyKey, fingerprint, caller, token),
                cancellationToken);
            if (outcome is EnrollOutcome.SeatFreed)
            {
                outcome = await strategy.ExecuteAsync(
                    token => EnrollInOneTransactionAsync(request, idempotencyKey, fingerprint, caller, token),
                    cancellationToken);
            }
        }

        // A concurrent request with the same key may have won the race: its committed record is the answer.
        if (idempotencyKey is not null && outcome is EnrollOutcome.AlreadyEnrolled or EnrollOutcome.AlreadyWaitlisted or EnrollOutcome.IdempotencyKeyTaken)
        {
            outcome = await FindEarlierResultAsync(caller, idempotencyKey, fingerprint, cancellationToken) ?? outcome;
        }

        return outcome switch
        {
            EnrollOutcome.IdempotencyKeyTaken => new EnrollOutcome.AlreadyEnrolled(request.StudentId, request.CourseId),
            EnrollOutcome.SeatFreed => await FindCourseAsync(request.CourseId, cancellationToken) is { } course
                ? new EnrollOutcome.CourseFull(course)
                : new EnrollOutcome.CourseNotFound(request.CourseId),
            _ => outcome,
        };
    }

    private Task<Course?> FindCourseAsync(Guid courseId, CancellationToken cancellationToken) =>
        db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);

    private Task<bool> IsOwnRecordAsync(Guid studentId, Caller caller, CancellationToken cancellationToken) =>
        caller.StudentNumber is { } number
            ? db.Students.AnyAsync(s => s.Id == studentId && s.StudentNumber == number, cancellationToken)
            : Task.FromResult(false);

    private async Task<EnrollOutcome> EnrollInOneTransactionAsync(
        CreateEnrollmentRequest request, string? idempotencyKey, string fingerprint, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();

        var found = await FindStudentAndCourse(db, request.StudentId, request.CourseId, cancellationToken);
        if (found is null)
        {
            return new EnrollOutcome.StudentNotFound(request.StudentId);
        }

        var (student, course) = (found.Student, found.Course);
        if (course is null)
        {
            return new EnrollOutcome.CourseNotFound(request.CourseId);
        }

        var now = clock.GetUtcNowForDatabase();
        if (course.EnrollmentWindowAt(now) is var window and not EnrollmentWindowState.Open)
        {
            return new EnrollOutcome.WindowClosed(course, window);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var enrollment = Enrollment.Start(student.Id, course.Id, now, caller.Subject);
        db.Enrollments.Add(enrollment);
        db.OutboxMessages.Add(OutboxMessage.For(EnrollmentEvent.EnrollmentCreated(enrollment, student, course), Activity.Current, caller.Subject));
        if (idempotencyKey is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Caller = caller.Subject,
                Key = idempotencyKey,
                RequestFingerprint = fingerprint,
                EnrollmentId = enrollment.Id,
                CreatedAt = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(EnrollmentConfiguration.OneActivePerStudentAndCourse))
        {
            return new EnrollOutcome.AlreadyEnrolled(student.Id, course.Id);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(IdempotencyRecordConfiguration.PrimaryKey))
        {
            return new EnrollOutcome.IdempotencyKeyTaken();
        }

        switch (await TakeSeatAsync(course.Id, student.Id, cancellationToken))
        {
            case SeatResult.None:
                return new EnrollOutcome.CourseFull(course);
            case SeatResult.OwnOfferOpen:
                return await db.WaitlistEntries.AsNoTracking()
                    .Where(e => e.CourseId == course.Id && e.StudentId == student.Id
                        && (e.Status == WaitlistEntryStatus.Waiting || e.Status == WaitlistEntryStatus.Offered))
                    .Select(e => new EnrollOutcome.AlreadyWaitlisted(e.Id, course.Id))
                    .SingleAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return new EnrollOutcome.Enrolled(enrollment, Replayed: false);
    }

    /// <summary>
    /// Concurrent updates of one course row queue on its row lock, and each re-checks the seats against the committed
    /// values once it gets the row, so exactly the free seats are handed out. While anyone waits in the course's line,
    /// no seat is taken here: the line goes first (<see cref="FreedSeats"/>). The CHECK constraint catches any future
    /// code path that forgets the condition.
    /// </summary>
    /// <remarks>
    /// A student holding an offer in this course must accept it rather than take a second seat. Open offers exist only
    /// while <c>seats_held</c> &gt; 0, so only then is their entry looked for, after the seat update: it holds the course
    /// row, and a statement that starts after it sees every committed change to the course's line (a check inside the
    /// update would see the line as it was before the update waited for the row).
    /// </remarks>
    private async Task<SeatResult> TakeSeatAsync(Guid courseId, Guid studentId, CancellationToken cancellationToken)
    {
        List<int> held;
        try
        {
            // Plain SQL: ExecuteUpdate compiles a delegate for its setters on every call (seen in the profile).
            held = await db.Database.SqlQuery<int>($"""
                UPDATE courses SET seats_taken = seats_taken + 1
                WHERE id = {courseId} AND seats_taken + seats_held < capacity AND waitlist_length = 0
                RETURNING seats_held AS "Value"
                """).ToListAsync(cancellationToken);
        }
        catch (Exception ex) when (ex.IsCheckViolation(CourseConfiguration.SeatsWithinCapacity))
        {
            return SeatResult.None;
        }

        if (held is not [var seatsHeld])
        {
            return SeatResult.None;
        }

        return seatsHeld > 0 && await db.WaitlistEntries.AnyAsync(
                e => e.CourseId == courseId && e.StudentId == studentId
                    && (e.Status == WaitlistEntryStatus.Waiting || e.Status == WaitlistEntryStatus.Offered),
                cancellationToken)
            ? SeatResult.OwnOfferOpen
            : SeatResult.Taken;
    }

    private enum SeatResult
    {
        Taken,
        None,
        OwnOfferOpen,
    }

    private async Task<EnrollOutcome?> FindEarlierResultAsync(Caller caller, string idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords
            .AsNoTracking()
            .Include(r => r.Enrollment)
            .Include(r => r.WaitlistEntry)
            .SingleOrDefaultAsync(r => r.Caller == caller.Subject && r.Key == idempotencyKey, cancellationToken);
        return record switch
        {
            null => null,
            _ when record.RequestFingerprint != fingerprint => new EnrollOutcome.IdempotencyKeyReused(),
            { Enrollment: { } enrollment } => new EnrollOutcome.Enrolled(enrollment, Replayed: true),
            { WaitlistEntry: { } entry } => new EnrollOutcome.Waitlisted(entry, await WaitlistPositions.OfAsync(db, entry, cancellationToken), Replayed: true),
            _ => null,
        };
    }

    private sealed record StudentAndCourse(Student Student, Course? Course);
}
