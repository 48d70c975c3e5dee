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

            var now = clock.GetUtcNowForDatabase();
            db.Students.AddRange(
                Student("S1001", "Ada Lovelace", "ada@example.edu", now),
                Student("S1002", "Alan Turing", "alan@example.edu", now),
                Student("S1003", "Grace Hopper", "grace@example.edu", now));
            db.Courses.AddRange(
                Course("CS101", "Introduction to Programming", credits: 6, capacity: 30, now),
                Course("MATH201", "Linear Algebra", credits: 5, capacity: 2, now),
                Course("HIST110", "History of Computing", credits: 3, capacity: 25, now),
                ClosedCourse("PHIL100", "Logic (enrollment closed)", now));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    private static Student Student(string number, string name, string email, DateTimeOffset now) =>
        new CreateStudentRequest(number, name, email).ToStudent(now);

    private static Course Course(string code, string title, int credits, int capacity, DateTimeOffset now) =>
        new CreateCourseRequest(code, title, credits, capacity).ToCourse(now);

    private static Course ClosedCourse(string code, string title, DateTimeOffset now) =>
        new CreateCourseRequest(code, title, Credits: 3, Capacity: 20, now.AddDays(-30), now.AddDays(-1)).ToCourse(now);
}
