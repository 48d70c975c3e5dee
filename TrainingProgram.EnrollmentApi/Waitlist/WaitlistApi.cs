namespace TrainingProgram.EnrollmentApi.Waitlist;

public static class WaitlistApi
{
    public static IEndpointRouteBuilder MapWaitlist(this IEndpointRouteBuilder routes)
    {
        var waitlist = routes.MapGroup("/waitlist").WithTags("Waitlist");

        waitlist.MapGet("/{id:guid}", GetWaitlistEntry)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(GetWaitlistEntry))
            .WithSummary("Get a place on a waitlist: position while waiting, the claim deadline once offered (a student: only their own)");

        waitlist.MapPost("/{id:guid}/accept", AcceptWaitlistOffer)
            .RequireAuthorization(Roles.PeoplePolicy)
            .RequireRateLimiting(RateLimiting.EmailSendingPolicy.Name)
            .WithName(nameof(AcceptWaitlistOffer))
            .WithSummary("Accept an offered seat before its deadline: the student is enrolled (a student: only their own)")
            .WithDescription("Accepting again returns the same enrollment. 409 offer-expired after the deadline, no-open-offer while still waiting.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        waitlist.MapDelete("/{id:guid}", LeaveWaitlist)
            .RequireAuthorization(Roles.PeoplePolicy)
            .RequireRateLimiting(RateLimiting.EmailSendingPolicy.Name)
            .WithName(nameof(LeaveWaitlist))
            .WithSummary("Leave a waitlist, or decline an offered seat (it passes to the next in line); again changes nothing (a student: only their own)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }

    /// <summary>Another student's entry is "not found" to a student.</summary>
    public static async Task<Results<Ok<WaitlistEntryResponse>, ProblemHttpResult>> GetWaitlistEntry(
        Guid id, Caller caller, EnrollmentDbContext db, CancellationToken cancellationToken) =>
        await db.WaitlistEntries.AsNoTracking().Include(e => e.Student).SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } entry
        && caller.MayActFor(entry.Student)
            ? TypedResults.Ok(WaitlistEntryResponse.From(entry, await WaitlistPositions.OfAsync(db, entry, cancellationToken)))
            : ApiProblems.WaitlistEntryNotFound(id);

    public static async Task<Results<Created<EnrollmentResponse>, Ok<EnrollmentResponse>, ProblemHttpResult>> AcceptWaitlistOffer(
        Guid id, Caller caller, AcceptOffer acceptOffer, CancellationToken cancellationToken) =>
        await acceptOffer.ExecuteAsync(id, caller, cancellationToken) switch
        {
            WaitlistOutcome.Accepted { Replayed: false } accepted => TypedResults.Created(
                $"/enrollments/{accepted.Enrollment.Id}", EnrollmentResponse.From(accepted.Enrollment)),
            WaitlistOutcome.Accepted accepted => TypedResults.Ok(EnrollmentResponse.From(accepted.Enrollment)),
            WaitlistOutcome.NotFound notFound => ApiProblems.WaitlistEntryNotFound(notFound.EntryId),
            WaitlistOutcome.OfferExpired expired => ApiProblems.OfferExpired(expired.Entry),
            WaitlistOutcome.NoOpenOffer none => ApiProblems.NoOpenOffer(none.Entry),
            WaitlistOutcome.AlreadyEnrolled enrolled => ApiProblems.EnrolledFromWaitlist(enrolled.Entry),
            var other => throw new InvalidOperationException($"Unexpected accept outcome {other}."),
        };

    public static async Task<Results<Ok<WaitlistEntryResponse>, ProblemHttpResult>> LeaveWaitlist(
        Guid id, Caller caller, LeaveWaitlist leaveWaitlist, CancellationToken cancellationToken) =>
        await leaveWaitlist.ExecuteAsync(id, caller, cancellationToken) switch
        {
            WaitlistOutcome.Closed closed => TypedResults.Ok(WaitlistEntryResponse.From(closed.Entry, position: null)),
            WaitlistOutcome.NotFound notFound => ApiProblems.WaitlistEntryNotFound(notFound.EntryId),
            WaitlistOutcome.AlreadyEnrolled enrolled => ApiProblems.EnrolledFromWaitlist(enrolled.Entry),
            var other => throw new InvalidOperationException($"Unexpected leave outcome {other}."),
        };
}
