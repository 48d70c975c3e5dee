using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;
using TrainingProgram.Identity.Data;
using TrainingProgram.Identity.SignIn;

namespace TrainingProgram.Identity.Accounts;

public static class AccountRegistration
{
    /// <summary>Bearer tokens issued by this server whose role is registrar.</summary>
    public const string RegistrarPolicy = "registrar";

    /// <summary>ASP.NET Core Identity's accounts and roles, its sign-in cookie for the login page, and who may manage accounts.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<Account, IdentityRole>(options =>
            {
                // Length rather than composition rules (NIST SP 800-63B); generated passwords are 22 letters and digits.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<IdentityDbContext>();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginApi.LoginPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(1);
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RegistrarPolicy, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Registrar));
        return builder;
    }
}
