namespace TrainingProgram.EnrollmentApi.Data;

/// <summary>A few students and courses so that a newcomer can enroll someone in the first minute (Development only).</summary>
public static class DevelopmentSeedData
{
    /// <summary>Any fixed number: replicas starting together take this transaction-scoped advisory lock to seed once.</summary>
    private const long SeedLock = 0x5EED_0001;

    public static async Task SeedAsync(EnrollmentDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLock})", token);
            if (await db.Students.AnyAsync(token) || await db.Courses.AnyAsync(token))
            {
                return;
            }

            // One microsecond apart, so that lists (ordered by creation) show them in this order.
            var now = clock.GetUtcNowForDatabase();
            var next = 0;
            DateTimeOffset Next() => now.AddTicks(10 * next++);
            db.Students.AddRange(
                Student("S1001", "Ada Lovelace", "ada@example.edu", Next()),
                Student("S1002", "Alan Turing", "alan@example.edu", Next()),
                Student("S1003", "Grace Hopper", "grace@example.edu", Next()));
            db.Courses.AddRange(
                Course("CS101", "Introduction to Programming", credits: 6, capacity: 30, Next()),
                Course("MATH201", "Linear Algebra", credits: 5, capacity: 2, Next(), waitlistCapacity: 5),
                Course("HIST110", "History of Computing", credits: 3, capacity: 25, Next()),
                ClosedCourse("PHIL100", "Logic (enrollment closed)", Next()));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    private static Student Student(string number, string name, string email, DateTimeOffset now) =>
        new CreateStudentRequest(number, name, email).ToStudent(now);

    private static Course Course(string code, string title, int credits, int capacity, DateTimeOffset now, int waitlistCapacity = 0) =>
        new CreateCourseRequest(code, title, credits, capacity, WaitlistCapacity: waitlistCapacity).ToCourse(now);

    private static Course ClosedCourse(string code, string title, DateTimeOffset now) =>
        new CreateCourseRequest(code, title, Credits: 3, Capacity: 20, now.AddDays(-30), now.AddDays(-1)).ToCourse(now);
}
