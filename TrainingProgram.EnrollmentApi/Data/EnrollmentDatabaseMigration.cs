namespace TrainingProgram.EnrollmentApi.Data;

public static class EnrollmentDatabaseMigration
{
    /// <summary>
    /// Applies pending migrations before the API takes traffic, then seeds development data.
    /// </summary>
    /// <remarks>
    /// Several replicas may start together: EF Core 9+ takes a database-wide lock around MigrateAsync, and the
    /// Npgsql provider implements it as <c>LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE</c> inside
    /// the migration transaction (NpgsqlHistoryRepository.AcquireDatabaseLockAsync), so one replica migrates and
    /// the others wait, then find nothing left to apply. The retrying execution strategy the Aspire integration
    /// installs wants every unit of work wrapped in it, migrations included.
    /// </remarks>
    public static async Task MigrateEnrollmentDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();

        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            db.Database,
            static (database, token) => database.MigrateAsync(token),
            cancellationToken);

        if (app.Environment.IsDevelopment())
        {
            await DevelopmentSeedData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        }
    }
}
