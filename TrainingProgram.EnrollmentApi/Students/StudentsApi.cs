using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.EnrollmentApi.Students;

public static class StudentsApi
{
    public static IEndpointRouteBuilder MapStudents(this IEndpointRouteBuilder routes)
    {
        var students = routes.MapGroup("/students").WithTags("Students");

        students.MapPost("/", CreateStudent)
            .WithName(nameof(CreateStudent))
            .WithSummary("Register a student")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        students.MapGet("/", ListStudents)
            .WithName(nameof(ListStudents))
            .WithSummary("List students, oldest first")
            .ProducesValidationProblem();

        students.MapGet("/{id:guid}", GetStudent)
            .WithName(nameof(GetStudent))
            .WithSummary("Get one student");

        students.MapGet("/{id:guid}/enrollments", ListStudentEnrollments)
            .WithName(nameof(ListStudentEnrollments))
            .WithSummary("List a student's enrollments (active and cancelled), oldest first")
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

    public static async Task<Results<Ok<StudentResponse>, ProblemHttpResult>> GetStudent(
        Guid id, EnrollmentDbContext db, CancellationToken cancellationToken) =>
        await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } student
            ? TypedResults.Ok(StudentResponse.From(student))
            : ApiProblems.StudentNotFound(id);

    public static async Task<Results<Ok<PagedList<EnrollmentResponse>>, ProblemHttpResult>> ListStudentEnrollments(
        Guid id, [Range(1, PageRequest.MaxPage)] int? page, [Range(1, PageRequest.MaxPageSize)] int? pageSize,
        EnrollmentDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Students.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.StudentNotFound(id);
        }

        return TypedResults.Ok(await db.Enrollments
            .Where(e => e.StudentId == id)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .ToPagedListAsync(PageRequest.Of(page, pageSize), EnrollmentResponse.From, cancellationToken));
    }
}
