using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using TrainingProgram.Identity.Accounts;
using TrainingProgram.Identity.SignIn.Throttling;

namespace TrainingProgram.Identity.Data;

/// <summary>
/// The identity provider's own database, <c>identitydb</c>: ASP.NET Core Identity's accounts and roles, and
/// OpenIddict's applications, scopes, authorizations and tokens. Tables and columns are snake_case.
/// </summary>
/// <remarks>
/// After changing the model, add a migration from the repository root:
/// <code>
/// dotnet tool restore
/// dotnet ef migrations add NAME --project TrainingProgram.Identity --output-dir Data/Migrations
/// </code>
/// It is applied at the next start-up (<see cref="IdentityDatabaseMigration"/>). Design time has no Aspire
/// connection string: <see cref="DesignTimeIdentityDbContextFactory"/> builds the context then.
/// </remarks>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<Account, IdentityRole, string>(options)
{
    public const string ConnectionName = "identitydb";

    /// <summary>ASP.NET Core Identity's unique index on the normalized user name.</summary>
    public const string UniqueUserName = "ix_accounts_normalized_user_name";

    public DbSet<SignInFailures> SignInFailures => Set<SignInFailures>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);

        // ASP.NET Core Identity and OpenIddict name their tables and indexes explicitly ("AspNetUsers",
        // "UserNameIndex"), which the snake_case convention leaves alone; these names read like the other databases.
        builder.Entity<Account>().ToTable("accounts").HasIndex(a => a.NormalizedUserName).HasDatabaseName(UniqueUserName);
        builder.Entity<Account>().HasIndex(a => a.NormalizedEmail).HasDatabaseName("ix_accounts_normalized_email");
        builder.Entity<IdentityUserClaim<string>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("account_tokens");
        builder.Entity<IdentityUserRole<string>>().ToTable("account_roles");
        builder.Entity<IdentityRole>().ToTable("roles").HasIndex(r => r.NormalizedName).HasDatabaseName("ix_roles_normalized_name");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("openiddict_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("openiddict_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("openiddict_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("openiddict_tokens");
    }
}
