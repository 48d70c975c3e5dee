namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>A waiting student's place in line: 1 + the students still waiting ahead of them. Null unless waiting.</summary>
public static class WaitlistPositions
{
    public static async Task<int?> OfAsync(EnrollmentDbContext db, WaitlistEntry entry, CancellationToken cancellationToken) =>
        entry.Status == WaitlistEntryStatus.Waiting
            ? 1 + await db.WaitlistEntries.CountAsync(
                e => e.CourseId == entry.CourseId && e.Status == WaitlistEntryStatus.Waiting && e.Ticket < entry.Ticket,
                cancellationToken)
            : null;
}
