using Microsoft.AspNetCore.Identity;
using TrainingProgram.Identity.Accounts;

namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// Checks a user name and password, and signs in on success, with the same hash work for a user name that has no
/// account: the time of the answer does not tell which student numbers have accounts.
/// </summary>
public sealed class PasswordSignIn(UserManager<Account> accounts, SignInManager<Account> signIns, IPasswordHasher<Account> hasher)
{
    private static readonly Account NoOne = new() { DisplayName = "" };
    private static string? s_dummyHash;

    public async Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync(string userName, string password)
    {
        if (await accounts.FindByNameAsync(userName) is { } account)
        {
            // No lockout on failures: the throttle slows guessing without letting a stranger lock the student out.
            return await signIns.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: false);
        }

        s_dummyHash ??= hasher.HashPassword(NoOne, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(NoOne, s_dummyHash, password);
        return Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }
}
