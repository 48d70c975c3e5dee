using TrainingProgram.EnrollmentApi.Waitlist;

namespace TrainingProgram.EnrollmentApi.Courses;

/// <summary>
/// Changes a course's capacity, waitlist capacity or promotion mode, in one transaction that holds the course row: a
/// larger capacity offers its new seats to the waitlist at once (<see cref="FreedSeats"/>), and neither capacity can
/// go below what is in use (seats taken and held; students waiting).
/// </summary>
public sealed class ChangeCourse(EnrollmentDbContext db, FreedSeats freedSeats, DatabaseClock databaseClock, OutboxSignal outbox)
{
    public Task<ChangeCourseOutcome> ExecuteAsync(Guid courseId, ChangeCourseRequest request, Caller caller, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => ChangeInOneTransactionAsync(courseId, request, caller, token),
            cancellationToken);

    private async Task<ChangeCourseOutcome> ChangeInOneTransactionAsync(Guid courseId, ChangeCourseRequest request, Caller caller, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await freedSeats.LockCourseAsync(courseId, cancellationToken) is not { } course)
        {
            return new ChangeCourseOutcome.NotFound(courseId);
        }

        var capacity = request.Capacity ?? course.Capacity;
        var waitlistCapacity = request.WaitlistCapacity ?? course.WaitlistCapacity;
        var promotion = request.WaitlistPromotion ?? course.WaitlistPromotion;
        if (capacity < course.SeatsTaken + course.SeatsHeld)
        {
            return new ChangeCourseOutcome.BelowInUse(course, "capacity", capacity, course.SeatsTaken + course.SeatsHeld);
        }

        if (waitlistCapacity < course.WaitlistLength)
        {
            return new ChangeCourseOutcome.BelowInUse(course, "waitlistCapacity", waitlistCapacity, course.WaitlistLength);
        }

        var promotionName = promotion.ToString();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE courses SET capacity = {capacity}, waitlist_capacity = {waitlistCapacity}, waitlist_promotion = {promotionName}
            WHERE id = {courseId}
            """, cancellationToken);
        var moved = await freedSeats.PassAsync(courseId, await databaseClock.NowAsync(cancellationToken), caller.Subject, cancellationToken);
        var changed = await freedSeats.LockCourseAsync(courseId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (moved > 0)
        {
            outbox.Notify();
        }

        return new ChangeCourseOutcome.Changed(changed!);
    }
}
