using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using TrainingProgram.Identity.Data;
using TrainingProgram.Identity.Problems;
using TrainingProgram.Identity.SignIn.Throttling;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrainingProgram.Identity.Accounts;

/// <summary>
/// New passwords. Either way ASP.NET Core Identity gives the account a new security stamp, so the refresh tokens
/// and sign-in cookies issued before stop working (TokenEndpoint, AccountRegistration).
/// </summary>
public static class PasswordsApi
{
    /// <summary>
    /// The current password is a sign-in attempt on the account from the caller's address: a wrong one counts as a
    /// failure, a source that must wait gets 429 before any check, and the hashes take their turn in the replica's
    /// limiter (503). Otherwise a stolen access token would guess the password without limit.
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeOwnPassword(
        ChangePasswordRequest request, ClaimsPrincipal caller, UserManager<Account> accounts, SignInThrottle throttle, PasswordCheckLimiter limiter,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (caller.GetClaim(Claims.Subject) is not { } id || await accounts.FindByIdAsync(id) is not { } account)
        {
            return AccountProblems.NoAccount("The token's subject");
        }

        var (subject, source) = (SignInThrottle.UserSubject(account.UserName!), SignInThrottle.SourceOf(http));
        if (await throttle.WaitBeforeAttemptAsync(subject, source, cancellationToken) is { } wait)
        {
            return ThrottleProblems.TooManyAttempts(http.Response, wait, "Too many wrong current passwords for this account from this address.");
        }

        IdentityResult result;
        using (var lease = await limiter.TryAcquireAsync(cancellationToken))
        {
            if (lease is null)
            {
                return ThrottleProblems.Busy(http.Response, "The identity service is checking as many passwords as it can.");
            }

            result = await accounts.ChangePasswordAsync(account, request.CurrentPassword, request.NewPassword);
        }

        if (result.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            await throttle.RecordFailureAsync(subject, source, CancellationToken.None);
        }
        else if (result.Succeeded)
        {
            await throttle.RecordSuccessAsync(subject, source, CancellationToken.None);
        }

        return result.Succeeded
            ? TypedResults.NoContent()
            : AccountProblems.Invalid(ErrorsByField(result, otherwise: "newPassword"));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetStudentPassword(
        string studentNumber, ResetPasswordRequest request, UserManager<Account> accounts, IdentityDbContext db, SignInThrottle throttle,
        PasswordCheckLimiter limiter, HttpContext http, CancellationToken cancellationToken)
    {
        if (await accounts.FindByNameAsync(studentNumber) is not { StudentNumber: not null } found)
        {
            return AccountProblems.NoAccount($"Student number '{studentNumber}'");
        }

        var refusals = new List<IdentityError>();
        foreach (var validator in accounts.PasswordValidators)
        {
            refusals.AddRange((await validator.ValidateAsync(accounts, found, request.Password)).Errors);
        }

        if (refusals.Count > 0)
        {
            return AccountProblems.Invalid(ErrorsByField(IdentityResult.Failed([.. refusals]), otherwise: "password"));
        }

        using (var lease = await limiter.TryAcquireAsync(cancellationToken))
        {
            if (lease is null)
            {
                return ThrottleProblems.Busy(http.Response, "The identity service is hashing as many passwords as it can; nothing was changed.");
            }

            await db.InTransactionAsync(async _ =>
            {
                var account = await accounts.FindByIdAsync(found.Id) ?? throw new InvalidOperationException($"Account {found.Id} vanished.");
                Check(await accounts.RemovePasswordAsync(account));
                Check(await accounts.AddPasswordAsync(account, request.Password));
                Check(await accounts.SetLockoutEndDateAsync(account, null));
                return true;
            }, cancellationToken);
        }

        await throttle.ForgetAsync(SignInThrottle.UserSubject(found.UserName!), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> ErrorsByField(IdentityResult result, string otherwise) =>
        result.Errors
            .GroupBy(error => error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : otherwise)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Description).ToArray());

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Resetting a password failed: {AccountRoles.Describe(result)}");
        }
    }
}
