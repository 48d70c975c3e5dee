namespace TrainingProgram.EnrollmentApi.Waitlist;

internal static class WaitlistEntries
{
    /// <summary>
    /// The caller's entry (a registrar's: any), tracked and read after its course row was locked, so that its status is
    /// the latest committed one and stays so until the transaction ends. Null when absent or another student's.
    /// </summary>
    public static async Task<(WaitlistEntry Entry, Course Course)?> FindLockedAsync(
        EnrollmentDbContext db, FreedSeats freedSeats, Guid entryId, Caller caller, CancellationToken cancellationToken)
    {
        var courseId = await db.WaitlistEntries
            .Where(e => e.Id == entryId && (caller.IsRegistrar || e.Student.StudentNumber == caller.StudentNumber))
            .Select(e => (Guid?)e.CourseId)
            .SingleOrDefaultAsync(cancellationToken);
        if (courseId is null || await freedSeats.LockCourseAsync(courseId.Value, cancellationToken) is not { } course)
        {
            return null;
        }

        var entry = await db.WaitlistEntries.Include(e => e.Student).SingleAsync(e => e.Id == entryId, cancellationToken);
        return (entry, course);
    }
}
