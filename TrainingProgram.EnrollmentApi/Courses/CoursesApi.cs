using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.EnrollmentApi.Courses;

public static class CoursesApi
{
    public static IEndpointRouteBuilder MapCourses(this IEndpointRouteBuilder routes)
    {
        var courses = routes.MapGroup("/courses").WithTags("Courses");

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
