using Microsoft.AspNetCore.Identity;

namespace TrainingProgram.Identity.Accounts;

public static class AccountRoles
{
    /// <summary>Adds the account to a role; a role that does not exist is a start-up bug, not a user error.</summary>
    public static async Task AddToRoleOrThrowAsync(this UserManager<Account> accounts, Account account, string role)
    {
        var result = await accounts.AddToRoleAsync(account, role);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Adding '{account.UserName}' to role '{role}' failed: {Describe(result)}");
        }
    }

    /// <summary>Creates the roles that are missing (every environment: accounts made through the API need them).</summary>
    public static async Task EnsureRolesExistAsync(this RoleManager<IdentityRole> roles)
    {
        foreach (var name in Roles.All)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                var result = await roles.CreateAsync(new IdentityRole(name));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Creating role '{name}' failed: {Describe(result)}");
                }
            }
        }
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(error => error.Description));
}
