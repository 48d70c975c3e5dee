namespace TrainingProgram.EnrollmentApi.Problems;

/// <summary>One factory per problem kind, so each kind always has the same type, status and title.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult StudentNotFound(Guid id) =>
        Problem(ProblemTypes.StudentNotFound, StatusCodes.Status404NotFound, "Student not found", $"There is no student {id}.");

    public static ProblemHttpResult OwnStudentNotFound() =>
        Problem(ProblemTypes.StudentNotFound, StatusCodes.Status404NotFound, "Student not found",
            "The access token names no student record of this API (a student's token carries its student number).");

    public static ProblemHttpResult NotYourStudentRecord() =>
        Problem(ProblemTypes.Forbidden, StatusCodes.Status403Forbidden, "Forbidden",
            "A student enrolls only themselves: studentId must be the caller's own student record.");

    public static ProblemHttpResult CourseNotFound(Guid id) =>
        Problem(ProblemTypes.CourseNotFound, StatusCodes.Status404NotFound, "Course not found", $"There is no course {id}.");

    public static ProblemHttpResult EnrollmentNotFound(Guid id) =>
        Problem(ProblemTypes.EnrollmentNotFound, StatusCodes.Status404NotFound, "Enrollment not found", $"There is no enrollment {id}.");

    public static ProblemHttpResult DuplicateStudentNumber(string studentNumber) =>
        Problem(ProblemTypes.DuplicateStudentNumber, StatusCodes.Status409Conflict, "Student number already registered",
            $"Another student already has the student number '{studentNumber}'.");

    public static ProblemHttpResult DuplicateCourseCode(string code) =>
        Problem(ProblemTypes.DuplicateCourseCode, StatusCodes.Status409Conflict, "Course code already in use",
            $"Another course already has the code '{code}'.");

    public static ProblemHttpResult AlreadyEnrolled(Guid studentId, Guid courseId) =>
        Problem(ProblemTypes.AlreadyEnrolled, StatusCodes.Status409Conflict, "Already enrolled",
            $"Student {studentId} already has an active enrollment in course {courseId}.");

    public static ProblemHttpResult CourseFull(Course course) =>
        Problem(ProblemTypes.CourseFull, StatusCodes.Status409Conflict, "Course full",
            $"All {course.Capacity} seats of course {course.Code} are taken.");

    public static ProblemHttpResult EnrollmentWindowClosed(Course course, EnrollmentWindowState state) =>
        Problem(ProblemTypes.EnrollmentWindowClosed, StatusCodes.Status409Conflict, "Enrollment window closed",
            state == EnrollmentWindowState.NotYetOpen
                ? $"Enrollment in course {course.Code} opens at {course.EnrollmentOpensAt:O}."
                : $"Enrollment in course {course.Code} closed at {course.EnrollmentClosesAt:O}.");

    public static ProblemHttpResult IdempotencyKeyReused() =>
        Problem(ProblemTypes.IdempotencyKeyReused, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
            $"This {IdempotencyKey.HeaderName} was already used for a different request body; use a new key for a new request.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: "One or more validation errors occurred.",
            type: ProblemTypes.Validation);

    private static ProblemHttpResult Problem(string type, int status, string title, string detail) =>
        TypedResults.Problem(type: type, statusCode: status, title: title, detail: detail);
}
