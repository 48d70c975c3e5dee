using Microsoft.AspNetCore.Identity;
using TrainingProgram.Identity.Data;
using TrainingProgram.Identity.OpenIdConnect;
using TrainingProgram.Identity.Problems;
using TrainingProgram.Identity.SignIn.Throttling;

namespace TrainingProgram.Identity.Accounts;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/accounts").WithTags("Accounts").AllowBrowserClients();
        var students = accounts.MapGroup("/students").RequireAuthorization(AccountRegistration.RegistrarPolicy);

        students.MapPost("/", CreateStudentAccount)
            .WithName(nameof(CreateStudentAccount))
            .WithSummary("Create a sign-in account for a student record (registrars only)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        students.MapPut("/{studentNumber}/password", PasswordsApi.ResetStudentPassword)
            .WithName(nameof(PasswordsApi.ResetStudentPassword))
            .WithSummary("Give a student a new password, ending their sessions (registrars only)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        accounts.MapPut("/me/password", PasswordsApi.ChangeOwnPassword)
            .RequireAuthorization(AccountRegistration.PersonPolicy)
            .WithName(nameof(PasswordsApi.ChangeOwnPassword))
            .WithSummary("Change the caller's own password, ending their other sessions")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return routes;
    }

    /// <summary>
    /// Reads the record from the Enrollment API first, with the registrar's own token: no record, no account (422).
    /// One account per record: the student number's unique index decides between two requests at once.
    /// </summary>
    public static async Task<Results<Created<StudentAccountResponse>, ValidationProblem, ProblemHttpResult>> CreateStudentAccount(
        CreateStudentAccountRequest request, HttpContext http, StudentRecords records, UserManager<Account> accounts, IdentityDbContext db,
        PasswordCheckLimiter limiter, CancellationToken cancellationToken)
    {
        var bearerToken = System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            ? header.Parameter ?? ""
            : "";
        var lookup = await records.FindAsync(request.StudentId!.Value, bearerToken, cancellationToken);
        if (lookup is not { Status: StudentRecordStatus.Found, Record: { } record })
        {
            return lookup.Status switch
            {
                StudentRecordStatus.NotFound => AccountProblems.NoStudentRecord(request.StudentId.Value),
                StudentRecordStatus.Refused => AccountProblems.StudentRecordsRefused(),
                _ => AccountProblems.StudentRecordsUnavailable(http.Response),
            };
        }

        using var lease = await limiter.TryAcquireAsync(cancellationToken);
        if (lease is null)
        {
            return ThrottleProblems.Busy(http.Response, "The identity service is hashing as many passwords as it can; nothing was created.");
        }

        try
        {
            var (account, result) = await db.InTransactionAsync(async _ =>
            {
                var account = CreateStudentAccountRequest.ToAccount(record);
                var result = await accounts.CreateAsync(account, request.Password);
                if (result.Succeeded)
                {
                    await accounts.AddToRoleOrThrowAsync(account, Roles.Student);
                }

                return (account, result);
            }, cancellationToken);

            if (result.Succeeded)
            {
                return TypedResults.Created((string?)null, StudentAccountResponse.From(account));
            }

            return result.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? AccountProblems.DuplicateAccount(account.UserName!)
                : AccountProblems.Invalid(ToValidationErrors(result.Errors));
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(IdentityDbContext.UniqueUserName) || ex.IsUniqueViolation(AccountConfiguration.UniqueStudentNumber))
        {
            // Two requests for one student at once: the database's unique index decides, the loser gets the 409.
            return AccountProblems.DuplicateAccount(record.StudentNumber);
        }
    }

    /// <summary>ASP.NET Core Identity's refusals, under the request field they are about.</summary>
    private static Dictionary<string, string[]> ToValidationErrors(IEnumerable<IdentityError> errors) =>
        errors
            .GroupBy(error => error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
                _ => "studentId",
            })
            .ToDictionary(group => group.Key, group => group.Select(error => error.Description).ToArray());
}
