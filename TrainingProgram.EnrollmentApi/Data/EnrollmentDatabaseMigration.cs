using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.EnrollmentApi.Data;

public static class EnrollmentDatabaseMigration
{
    /// <summary>Applies pending migrations before the API takes traffic, then seeds development data.</summary>
    public static async Task MigrateEnrollmentDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();

        await DatabaseMigration.MigrateAsync(db, cancellationToken);

        if (app.Environment.IsDevelopment())
        {
            await DevelopmentSeedData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        }
    }
}
