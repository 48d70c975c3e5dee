using Microsoft.AspNetCore.Identity;
using TrainingProgram.Identity.OpenIdConnect;

namespace TrainingProgram.Identity.Accounts;

/// <summary>
/// Development only: a registrar, and sign-in accounts for the students the Enrollment API seeds
/// (TrainingProgram.EnrollmentApi/Data/DevelopmentSeedData.cs), with the passwords of the AppHost parameters
/// registrar-password and student-password.
/// </summary>
public static class DevelopmentAccounts
{
    public const string RegistrarUserName = "registrar";

    private static readonly (string Number, string Name, string Email)[] Students =
    [
        ("S1001", "Ada Lovelace", "ada@example.edu"),
        ("S1002", "Alan Turing", "alan@example.edu"),
        ("S1003", "Grace Hopper", "grace@example.edu"),
    ];

    /// <summary>Creates the missing accounts and gives existing ones the configured password again (it may be generated anew each run).</summary>
    public static async Task SeedAsync(UserManager<Account> accounts, IdentityProviderOptions.DevelopmentAccountsOptions options)
    {
        var registrarPassword = Required(options.RegistrarPassword, nameof(options.RegistrarPassword), "registrar-password");
        var studentPassword = Required(options.StudentPassword, nameof(options.StudentPassword), "student-password");

        await EnsureAsync(accounts, new Account
        {
            UserName = RegistrarUserName,
            DisplayName = "Registrar",
            Email = "registrar@example.edu",
        }, registrarPassword, Roles.Registrar);

        foreach (var (number, name, email) in Students)
        {
            await EnsureAsync(accounts, new Account
            {
                UserName = number,
                StudentNumber = number,
                DisplayName = name,
                Email = email,
            }, studentPassword, Roles.Student);
        }
    }

    private static async Task EnsureAsync(UserManager<Account> accounts, Account wanted, string password, string role)
    {
        if (await accounts.FindByNameAsync(wanted.UserName!) is not { } account)
        {
            Check(await accounts.CreateAsync(wanted, password), wanted.UserName!);
            await accounts.AddToRoleOrThrowAsync(wanted, role);
            return;
        }

        if (!await accounts.CheckPasswordAsync(account, password))
        {
            Check(await accounts.RemovePasswordAsync(account), account.UserName!);
            Check(await accounts.AddPasswordAsync(account, password), account.UserName!);
        }
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding the development account '{userName}' failed: {AccountRoles.Describe(result)}");
        }
    }

    private static string Required(string? password, string option, string parameter) =>
        password is { Length: > 0 }
            ? password
            : throw new InvalidOperationException(
                $"Development seeding needs {IdentityProviderOptions.SectionName}:DevelopmentAccounts:{option}; the AppHost passes its {parameter} parameter.");
}
