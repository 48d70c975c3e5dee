namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

/// <summary>The refusals of POST /enrollments, with the same types as ours.</summary>
public static class EnrollmentProblems
{
    private const string TypeBase = "https://trainingprogram.example/problems/";

    public static ProblemHttpResult StudentNotFound(Guid id) =>
        Problem("student-not-found", StatusCodes.Status404NotFound, "Student not found", $"There is no student {id}.");

    public static ProblemHttpResult CourseNotFound(Guid id) =>
        Problem("course-not-found", StatusCodes.Status404NotFound, "Course not found", $"There is no course {id}.");

    public static ProblemHttpResult CourseFull(string code) =>
        Problem("course-full", StatusCodes.Status409Conflict, "Course full", $"All seats of course {code} are taken.");

    public static ProblemHttpResult AlreadyEnrolled(Guid studentId, Guid courseId) =>
        Problem("already-enrolled", StatusCodes.Status409Conflict, "Already enrolled",
            $"Student {studentId} already has an active enrollment in course {courseId}.");

    private static ProblemHttpResult Problem(string type, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeBase + type);
}
