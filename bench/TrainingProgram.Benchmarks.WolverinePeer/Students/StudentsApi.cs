using TrainingProgram.Benchmarks.WolverinePeer.Data;

namespace TrainingProgram.Benchmarks.WolverinePeer.Students;

public static class StudentsApi
{
    public static IEndpointRouteBuilder MapStudents(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/students", CreateStudent).RequireAuthorization();
        return routes;
    }

    public static async Task<Created<CreatedResponse>> CreateStudent(
        CreateStudentRequest request, PeerDbContext db, CancellationToken cancellationToken)
    {
        var student = request.ToStudent();
        db.Students.Add(student);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/students/{student.Id}", new CreatedResponse(student.Id));
    }
}
