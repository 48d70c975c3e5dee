using TrainingProgram.Benchmarks.WolverinePeer.Data;

namespace TrainingProgram.Benchmarks.WolverinePeer.Courses;

public static class CoursesApi
{
    public static IEndpointRouteBuilder MapCourses(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/courses", CreateCourse).RequireAuthorization();
        return routes;
    }

    public static async Task<Created<CreatedResponse>> CreateCourse(
        CreateCourseRequest request, PeerDbContext db, CancellationToken cancellationToken)
    {
        var course = request.ToCourse();
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/courses/{course.Id}", new CreatedResponse(course.Id));
    }
}
