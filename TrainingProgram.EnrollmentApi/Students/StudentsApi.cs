using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.EnrollmentApi.Students;

public static class StudentsApi
{
    public static IEndpointRouteBuilder MapStudents(this IEndpointRouteBuilder routes)
    {
        var students = routes.MapGroup("/students").WithTags("Students").LimitPageDepth();

        students.MapPost("/", CreateStudent)
            .RequireAuthorization(Roles.RegistrarPolicy)
            .WithName(nameof(CreateStudent))
            .WithSummary("Register a student (registrar)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        students.MapGet("/", ListStudents)
            .RequireAuthorization(Roles.RegistrarPolicy)
            .WithName(nameof(ListStudents))
            .WithSummary("List students, oldest first (registrar)")
            .ProducesValidationProblem();

        students.MapGet("/me", GetOwnStudent)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(GetOwnStudent))
            .WithSummary("The student record the caller's token names (students)");

        students.MapGet("/{id:guid}", GetStudent)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(GetStudent))
            .WithSummary("Get one student (a student: only their own record)");

        students.MapGet("/{id:guid}/enrollments", ListStudentEnrollments)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(ListStudentEnrollments))
            .WithSummary("List a student's enrollments (active and cancelled), oldest first (a student: only their own)")
            .ProducesValidationProblem();

        students.MapGet("/{id:guid}/waitlist", ListStudentWaitlistEntries)
            .RequireAuthorization(Roles.PeoplePolicy)
            .WithName(nameof(ListStudentWaitlistEntries))
            .WithSummary("List a student's waitlist entries (open and closed) with positions and offers, oldest first (a student: only their own)")
            .ProducesValidationProblem();

        return routes;
    }

    public static async Task<Results<Created<StudentResponse>, ProblemHttpResult>> CreateStudent(
        CreateStudentRequest request, EnrollmentDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var student = request.ToStudent(clock.GetUtcNowForDatabase());
        db.Students.Add(student);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(StudentConfiguration.UniqueStudentNumber))
        {
            return ApiProblems.DuplicateStudentNumber(student.StudentNumber);
        }

        return TypedResults.Created($"/students/{student.Id}", StudentResponse.From(student));
    }

    public static async Task<Ok<PagedList<StudentResponse>>> ListStudents(
        [Range(1, PageRequest.MaxPage)] int? page, [Range(1, PageRequest.MaxPageSize)] int? pageSize,
        EnrollmentDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Students
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToPagedListAsync(PageRequest.Of(page, pageSize), StudentResponse.From, cancellationToken));

    public static async Task<Results<Ok<StudentResponse>, ProblemHttpResult>> GetOwnStudent(
        Caller caller, EnrollmentDbContext db, CancellationToken cancellationToken) =>
        caller.StudentNumber is { } number
        && await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.StudentNumber == number, cancellationToken) is { } student
            ? TypedResults.Ok(StudentResponse.From(student))
            : ApiProblems.OwnStudentNotFound();

    /// <summary>Another student's record is "not found" to a student: whether it exists is none of their business.</summary>
    public static async Task<Results<Ok<StudentResponse>, ProblemHttpResult>> GetStudent(
        Guid id, Caller caller, EnrollmentDbContext db, CancellationToken cancellationToken) =>
        await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } student && caller.MayActFor(student)
            ? TypedResults.Ok(StudentResponse.From(student))
            : ApiProblems.StudentNotFound(id);

    public static async Task<Results<Ok<PagedList<EnrollmentResponse>>, ProblemHttpResult>> ListStudentEnrollments(
        Guid id, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, PageRequest.MaxPageSize)] int? pageSize,
        Caller caller, EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } student
            || !caller.MayActFor(student))
        {
            return ApiProblems.StudentNotFound(id);
        }

        return TypedResults.Ok(await db.Enrollments
            .Where(e => e.StudentId == id)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .ToPagedListAsync(PageRequest.Of(page, pageSize), EnrollmentResponse.From, cancellationToken));
    }

    public static async Task<Results<Ok<PagedList<WaitlistEntryResponse>>, ProblemHttpResult>> ListStudentWaitlistEntries(
        Guid id, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, PageRequest.MaxPageSize)] int? pageSize,
        Caller caller, EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } student
            || !caller.MayActFor(student))
        {
            return ApiProblems.StudentNotFound(id);
        }

        var entries = await db.WaitlistEntries
            .Where(e => e.StudentId == id)
            .OrderBy(e => e.JoinedAt).ThenBy(e => e.Id)
            .ToPagedListAsync(PageRequest.Of(page, pageSize), e => e, cancellationToken);
        var items = new List<WaitlistEntryResponse>(entries.Items.Count);
        foreach (var entry in entries.Items)
        {
            items.Add(WaitlistEntryResponse.From(entry, await WaitlistPositions.OfAsync(db, entry, cancellationToken)));
        }

        return TypedResults.Ok(new PagedList<WaitlistEntryResponse>(items, entries.Page, entries.PageSize, entries.TotalCount));
    }
}
