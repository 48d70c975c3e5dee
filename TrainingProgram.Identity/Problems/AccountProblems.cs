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

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more validation errors occurred.", type: ProblemTypes.Validation);
}
