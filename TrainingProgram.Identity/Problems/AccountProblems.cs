namespace TrainingProgram.Identity.Problems;

/// <summary>One factory per problem kind, so each kind always has the same type, status and title.</summary>
public static class AccountProblems
{
    public static ProblemHttpResult DuplicateAccount(string userName) =>
        TypedResults.Problem(
            type: ProblemTypes.DuplicateAccount,
            statusCode: StatusCodes.Status409Conflict,
            title: "Account already exists",
            detail: $"There is already an account with the user name '{userName}'.");

    public static ProblemHttpResult NoAccount(string what) =>
        TypedResults.Problem(
            type: ProblemTypes.NoAccount,
            statusCode: StatusCodes.Status404NotFound,
            title: "No such account",
            detail: $"{what} names no student's sign-in account.");

    public static ProblemHttpResult NoStudentRecord(Guid studentId) =>
        TypedResults.Problem(
            type: ProblemTypes.NoStudentRecord,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "No such student record",
            detail: $"The Enrollment API has no student record {studentId}; create the record there first.");

    public static ProblemHttpResult StudentRecordsRefused() =>
        TypedResults.Problem(
            type: ProblemTypes.StudentRecordsRefused,
            statusCode: StatusCodes.Status403Forbidden,
            title: "The Enrollment API refused the token",
            detail: "The account is checked against the student record with the caller's token, which must also grant scope enrollments.");

    public static ProblemHttpResult StudentRecordsUnavailable(HttpResponse response)
    {
        response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            type: ProblemTypes.StudentRecordsUnavailable,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The Enrollment API is unavailable",
            detail: "The student record could not be read; nothing was created. Try again in a few seconds.");
    }

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more validation errors occurred.", type: ProblemTypes.Validation);
}
