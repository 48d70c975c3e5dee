using System.ComponentModel.DataAnnotations;
using TrainingProgram.EnrollmentApi.Waitlist;

namespace TrainingProgram.EnrollmentApi.Courses;

public static class CoursesApi
{
    public static IEndpointRouteBuilder MapCourses(this IEndpointRouteBuilder routes)
    {
        var courses = routes.MapGroup("/courses").WithTags("Courses").LimitPageDepth();

        courses.MapPost("/", CreateCourse)
            .RequireAuthorization(Roles.RegistrarPolicy)
            .WithName(nameof(CreateCourse))
            .WithSummary("Create a course with its capacity and optional enrollment window (registrar)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        courses.MapGet("/", ListCourses)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(ListCourses))
            .WithSummary("List courses with seats taken and left, oldest first")
            .ProducesValidationProblem();

        courses.MapGet("/{id:guid}", GetCourse)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(GetCourse))
            .WithSummary("Get one course with seats taken and left");

        courses.MapPatch("/{id:guid}", ChangeCourse)
            .RequireAuthorization(Roles.RegistrarPolicy)
            .WithName(nameof(ChangeCourse))
            .WithSummary("Change a course's capacity, waitlist capacity or promotion mode; new seats go to the waitlist at once (registrar)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        courses.MapGet("/{id:guid}/waitlist", ListCourseWaitlist)
            .RequireAuthorization(Roles.RegistrarPolicy)
            .WithName(nameof(ListCourseWaitlist))
            .WithSummary("List a course's open waitlist entries in line order: offers holding a seat and students waiting (registrar)")
            .ProducesValidationProblem();

        courses.MapGet("/{id:guid}/enrollments", ListCourseEnrollments)
            .RequireAuthorization(Roles.RegistrarPolicy)
            .WithName(nameof(ListCourseEnrollments))
            .WithSummary("List a course's enrollments (active and cancelled), oldest first (registrar)")
            .ProducesValidationProblem();

        return routes;
    }

    public static async Task<Results<Created<CourseResponse>, ProblemHttpResult>> CreateCourse(
        CreateCourseRequest request, EnrollmentDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var course = request.ToCourse(clock.GetUtcNowForDatabase());
        db.Courses.Add(course);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(CourseConfiguration.UniqueCode))
        {
            return ApiProblems.DuplicateCourseCode(course.Code);
        }

        return TypedResults.Created($"/courses/{course.Id}", CourseResponse.From(course));
    }

    public static async Task<Ok<PagedList<CourseResponse>>> ListCourses(
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, PageRequest.MaxPageSize)] int? pageSize,
        EnrollmentDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Courses
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToPagedListAsync(PageRequest.Of(page, pageSize), CourseResponse.From, cancellationToken));

    public static async Task<Results<Ok<CourseResponse>, ProblemHttpResult>> GetCourse(
        Guid id, EnrollmentDbContext db, CancellationToken cancellationToken) =>
        await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } course
            ? TypedResults.Ok(CourseResponse.From(course))
            : ApiProblems.CourseNotFound(id);

    public static async Task<Results<Ok<CourseResponse>, ValidationProblem, ProblemHttpResult>> ChangeCourse(
        Guid id, ChangeCourseRequest request, Caller caller, ChangeCourse changeCourse, CancellationToken cancellationToken)
    {
        if (request is { Capacity: null, WaitlistCapacity: null, WaitlistPromotion: null })
        {
            return ApiProblems.Invalid("$", "Name at least one of capacity, waitlistCapacity and waitlistPromotion.");
        }

        return await changeCourse.ExecuteAsync(id, request, caller, cancellationToken) switch
        {
            ChangeCourseOutcome.Changed changed => TypedResults.Ok(CourseResponse.From(changed.Course)),
            ChangeCourseOutcome.NotFound => ApiProblems.CourseNotFound(id),
            ChangeCourseOutcome.BelowInUse below => ApiProblems.CapacityBelowSeatsInUse(below.Course, below.Field, below.Requested, below.InUse),
            var other => throw new InvalidOperationException($"Unexpected course change outcome {other}."),
        };
    }

    public static async Task<Results<Ok<PagedList<WaitlistEntryResponse>>, ProblemHttpResult>> ListCourseWaitlist(
        Guid id, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, PageRequest.MaxPageSize)] int? pageSize,
        EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Courses.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ApiProblems.CourseNotFound(id);
        }

        var line = await db.WaitlistEntries
            .Where(e => e.CourseId == id && (e.Status == WaitlistEntryStatus.Waiting || e.Status == WaitlistEntryStatus.Offered))
            .OrderBy(e => e.Ticket)
            .ToPagedListAsync(PageRequest.Of(page, pageSize), e => e, cancellationToken);
        var position = line.Items.FirstOrDefault(e => e.Status == WaitlistEntryStatus.Waiting) is { } firstWaiting
            ? await WaitlistPositions.OfAsync(db, firstWaiting, cancellationToken) ?? 1
            : 1;
        var items = new List<WaitlistEntryResponse>(line.Items.Count);
        foreach (var entry in line.Items)
        {
            items.Add(WaitlistEntryResponse.From(entry, entry.Status == WaitlistEntryStatus.Waiting ? position++ : null));
        }

        return TypedResults.Ok(new PagedList<WaitlistEntryResponse>(items, line.Page, line.PageSize, line.TotalCount));
    }

    public static async Task<Results<Ok<PagedList<EnrollmentResponse>>, ProblemHttpResult>> ListCourseEnrollments(
        Guid id, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, PageRequest.MaxPageSize)] int? pageSize,
        EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Courses.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ApiProblems.CourseNotFound(id);
        }

        return TypedResults.Ok(await db.Enrollments
            .Where(e => e.CourseId == id)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .ToPagedListAsync(PageRequest.Of(page, pageSize), EnrollmentResponse.From, cancellationToken));
    }
}
