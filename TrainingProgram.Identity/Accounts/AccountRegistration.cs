using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Validation.AspNetCore;
using TrainingProgram.Identity.Data;
using TrainingProgram.Identity.SignIn;

namespace TrainingProgram.Identity.Accounts;

public static class AccountRegistration
{
    /// <summary>Bearer tokens issued by this server whose role is registrar.</summary>
    public const string RegistrarPolicy = "registrar";

    /// <summary>Any bearer token issued by this server (a person's, for the account endpoints about oneself).</summary>
    public const string PersonPolicy = "person";

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
                // No lockout on failed passwords (anyone could lock any student out): SignInThrottle slows guessing
                // instead. An account locked on purpose (LockoutEnd) still may not sign in or refresh.
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<IdentityDbContext>();
        builder.Services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, ExactUserNames>());

        // The login cookie is checked against the account's security stamp at every authorization request, so that a
        // new password ends browser sessions at once, not within the default 30 minutes.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginApi.LoginPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(1);
        });

        builder.Services.AddHttpClient<StudentRecords>(http => http.BaseAddress =
            new Uri(builder.Configuration[StudentRecords.BaseAddressKey] ?? StudentRecords.DefaultBaseAddress));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RegistrarPolicy, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Registrar))
            .AddPolicy(PersonPolicy, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
        return builder;
    }
}
