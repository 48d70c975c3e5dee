using Npgsql;
using TrainingProgram.Benchmarks.WolverinePeer.Data;
using Wolverine.EntityFrameworkCore;

namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

public static class EnrollmentsApi
{
    public static IEndpointRouteBuilder MapEnrollments(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/enrollments", CreateEnrollment).RequireAuthorization();
        return routes;
    }

    /// <summary>
    /// Takes a seat, records the enrollment and publishes <see cref="EnrollmentCreated"/> in one transaction, through
    /// Wolverine's EF Core outbox: the message is sent to the broker only once the transaction has committed.
    /// </summary>
    public static async Task<Results<Created<EnrollmentResponse>, ProblemHttpResult>> CreateEnrollment(
        CreateEnrollmentRequest request, IDbContextOutbox<PeerDbContext> outbox, CancellationToken cancellationToken)
    {
        // Taken before the transaction, as ours takes its created_at: the benchmark's end to end starts here.
        var now = DateTimeOffset.UtcNow;
        var db = outbox.DbContext;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.StudentId, cancellationToken);
        if (student is null)
        {
            return EnrollmentProblems.StudentNotFound(request.StudentId);
        }

        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CourseId, cancellationToken);
        if (course is null)
        {
            return EnrollmentProblems.CourseNotFound(request.CourseId);
        }

        // The database takes the seat, so concurrent enrollments cannot both take the last one.
        var seatsTaken = await db.Courses
            .Where(c => c.Id == course.Id && c.SeatsTaken < c.Capacity)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.SeatsTaken, c => c.SeatsTaken + 1), cancellationToken);
        if (seatsTaken == 0)
        {
            return EnrollmentProblems.CourseFull(course.Code);
        }

        var enrollment = Enrollment.Activate(student.Id, course.Id, now);
        db.Enrollments.Add(enrollment);
        await outbox.PublishAsync(new EnrollmentCreated(Guid.CreateVersion7(), enrollment.Id, student.Email, student.FullName,
            course.Code, course.Title, enrollment.CreatedAt));
        try
        {
            await outbox.SaveChangesAndFlushMessagesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: PeerDbContext.OneActiveEnrollmentPerStudentAndCourse,
        })
        {
            return EnrollmentProblems.AlreadyEnrolled(request.StudentId, request.CourseId);
        }

        return TypedResults.Created($"/enrollments/{enrollment.Id}", EnrollmentResponse.From(enrollment));
    }
}
