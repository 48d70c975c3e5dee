using Microsoft.AspNetCore.Mvc;

namespace TrainingProgram.EnrollmentApi.Enrollments;

public static class EnrollmentsApi
{
    public static IEndpointRouteBuilder MapEnrollments(this IEndpointRouteBuilder routes)
    {
        var enrollments = routes.MapGroup("/enrollments").WithTags("Enrollments");

        enrollments.MapPost("/", CreateEnrollment)
            .RequireAuthorization(Roles.PeoplePolicy)
            .RequireRateLimiting(RateLimiting.EmailSendingPolicy.Name)
            .WithName(nameof(CreateEnrollment))
            .WithSummary("Enroll a student in a course, or put them on its waitlist when it is full (a student: only themselves)")
            .WithDescription(
                "Takes a seat (201). When the course is full and has a waitlist, the student joins the line instead (202, " +
                "status Waiting and the position; 409 waitlist-full when the line is full too). " +
                $"Send an {IdempotencyKey.HeaderName} header to retry safely: a retry with the same key " +
                "and body creates nothing and returns the same enrollment (201) or the same place in line (202, as it now is).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        enrollments.MapGet("/{id:guid}", GetEnrollment)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(GetEnrollment))
            .WithSummary("Get one enrollment (a student: only their own)");

        enrollments.MapDelete("/{id:guid}", CancelEnrollment)
            .RequireAuthorization(Roles.PeoplePolicy)
            .RequireRateLimiting(RateLimiting.EmailSendingPolicy.Name)
            .WithName(nameof(CancelEnrollment))
            .WithSummary("Cancel an enrollment and free its seat; cancelling again changes nothing (a student: only their own)");

        return routes;
    }

    public static async Task<Results<Created<EnrollmentResponse>, Accepted<WaitlistEntryResponse>, ValidationProblem, ProblemHttpResult>> CreateEnrollment(
        CreateEnrollmentRequest request,
        [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        Caller caller,
        EnrollStudent enrollStudent,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && IdempotencyKey.Problem(idempotencyKey) is { } keyProblem)
        {
            return ApiProblems.Invalid(IdempotencyKey.HeaderName, keyProblem);
        }

        return await enrollStudent.ExecuteAsync(request, idempotencyKey, caller, cancellationToken) switch
        {
            EnrollOutcome.Enrolled enrolled => TypedResults.Created(
                $"/enrollments/{enrolled.Enrollment.Id}", EnrollmentResponse.From(enrolled.Enrollment)),
            EnrollOutcome.NotYourStudentRecord => ApiProblems.NotYourStudentRecord(),
            EnrollOutcome.StudentNotFound outcome => ApiProblems.StudentNotFound(outcome.StudentId),
            EnrollOutcome.CourseNotFound outcome => ApiProblems.CourseNotFound(outcome.CourseId),
            EnrollOutcome.WindowClosed outcome => ApiProblems.EnrollmentWindowClosed(outcome.Course, outcome.State),
            EnrollOutcome.AlreadyEnrolled outcome => ApiProblems.AlreadyEnrolled(outcome.StudentId, outcome.CourseId),
            EnrollOutcome.CourseFull outcome => ApiProblems.CourseFull(outcome.Course),
            EnrollOutcome.Waitlisted waitlisted => TypedResults.Accepted(
                $"/waitlist/{waitlisted.Entry.Id}", WaitlistEntryResponse.From(waitlisted.Entry, waitlisted.Position)),
            EnrollOutcome.WaitlistFull outcome => ApiProblems.WaitlistFull(outcome.Course),
            EnrollOutcome.AlreadyWaitlisted outcome => ApiProblems.AlreadyWaitlisted(outcome.EntryId, outcome.CourseId),
            EnrollOutcome.IdempotencyKeyReused => ApiProblems.IdempotencyKeyReused(),
            var other => throw new InvalidOperationException($"Unexpected enrollment outcome {other}."),
        };
    }

    /// <summary>Another student's enrollment is "not found" to a student.</summary>
    public static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> GetEnrollment(
        Guid id, Caller caller, EnrollmentDbContext db, CancellationToken cancellationToken) =>
        await db.Enrollments.AsNoTracking().Include(e => e.Student).SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } enrollment
        && caller.MayActFor(enrollment.Student)
            ? TypedResults.Ok(EnrollmentResponse.From(enrollment))
            : ApiProblems.EnrollmentNotFound(id);

    public static async Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> CancelEnrollment(
        Guid id, Caller caller, CancelEnrollment cancelEnrollment, CancellationToken cancellationToken) =>
        await cancelEnrollment.ExecuteAsync(id, caller, cancellationToken) switch
        {
            CancelOutcome.Cancelled cancelled => TypedResults.Ok(EnrollmentResponse.From(cancelled.Enrollment)),
            CancelOutcome.NotFound notFound => ApiProblems.EnrollmentNotFound(notFound.EnrollmentId),
            var other => throw new InvalidOperationException($"Unexpected cancellation outcome {other}."),
        };
}
