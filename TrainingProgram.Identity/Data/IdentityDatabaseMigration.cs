using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using TrainingProgram.Identity.Accounts;
using TrainingProgram.Identity.OpenIdConnect;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.Identity.Data;

public static class IdentityDatabaseMigration
{
    /// <summary>Any fixed number: replicas starting together take this transaction-scoped advisory lock to register and seed once.</summary>
    private const long SeedLock = 0x5EED_0010;

    /// <summary>
    /// Applies pending migrations, registers roles, scopes and clients, and in Development seeds the accounts, before
    /// the service takes traffic.
    /// </summary>
    /// <remarks>
    /// Migrating is safe for replicas starting together (<see cref="DatabaseMigration"/>). Registration and seeding
    /// run in one transaction under an advisory lock: find-or-create is not safe when two replicas do it at once.
    /// </remarks>
    public static async Task MigrateIdentityDatabaseAsync(this WebApplication app)
    {
        var cancellationToken = app.Lifetime.ApplicationStopping;
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IdentityDbContext>();
        var options = services.GetRequiredService<IOptions<IdentityProviderOptions>>().Value;

        await DatabaseMigration.MigrateAsync(db, cancellationToken);

        await db.InTransactionAsync(async token =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLock})", token);
            await services.GetRequiredService<RoleManager<IdentityRole>>().EnsureRolesExistAsync();
            await ClientRegistrations.SyncAsync(
                services.GetRequiredService<IOpenIddictScopeManager>(),
                services.GetRequiredService<IOpenIddictApplicationManager>(),
                options,
                token);
            if (app.Environment.IsDevelopment())
            {
                await DevelopmentAccounts.SeedAsync(services.GetRequiredService<UserManager<Account>>(), options.DevelopmentAccounts);
            }

            return true;
        }, cancellationToken);
    }
}
