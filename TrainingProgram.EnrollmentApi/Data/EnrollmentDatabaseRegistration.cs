using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.EnrollmentApi.Data;

public static class EnrollmentDatabaseRegistration
{
    /// <summary>The Aspire Npgsql EF Core integration (pooling, retries, health check, telemetry) on "enrollmentdb".</summary>
    public static IHostApplicationBuilder AddEnrollmentDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EnrollmentDbContext>(
            EnrollmentDbContext.ConnectionName,
            settings => settings.ConnectionString = PreparedStatements.Enable(settings.ConnectionString),
            options => options.UseSnakeCaseNamingConvention());
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
