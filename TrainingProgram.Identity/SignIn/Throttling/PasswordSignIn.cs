using Microsoft.AspNetCore.Identity;
using TrainingProgram.Identity.Accounts;

namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// Checks a user name and password, and signs in on success, with the same hash work for a user name that has no
/// account, or for one that may not sign in (locked by an operator): the time of the answer does not tell which
/// student numbers have accounts, nor which are locked.
/// </summary>
public sealed class PasswordSignIn(UserManager<Account> accounts, SignInManager<Account> signIns, IPasswordHasher<Account> hasher)
{
    private static readonly Account NoOne = new() { DisplayName = "" };
    private static string? s_dummyHash;

    public async Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync(string userName, string password)
    {
        if (await accounts.FindByNameAsync(userName) is not { } account)
        {
            VerifyDummy(password);
            return Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }

        // SignInManager answers these before it hashes anything.
        if (await accounts.IsLockedOutAsync(account))
        {
            VerifyDummy(password);
            return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }

        if (!await signIns.CanSignInAsync(account))
        {
            VerifyDummy(password);
            return Microsoft.AspNetCore.Identity.SignInResult.NotAllowed;
        }

        // No lockout on failures: the throttle slows guessing without letting a stranger lock the student out.
        return await signIns.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: false);
    }

    private void VerifyDummy(string password)
    {
        s_dummyHash ??= hasher.HashPassword(NoOne, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(NoOne, s_dummyHash, password);
    }
}
