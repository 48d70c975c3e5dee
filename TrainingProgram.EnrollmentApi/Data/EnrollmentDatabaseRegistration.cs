using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.EnrollmentApi.Data;

public static class EnrollmentDatabaseRegistration
{
    /// <summary>The Aspire Npgsql EF Core integration (pooling, retries, health check, telemetry) on "enrollmentdb".</summary>
    public static IHostApplicationBuilder AddEnrollmentDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EnrollmentDbContext>(
            EnrollmentDbContext.ConnectionName,
            // Two replicas (48) plus the Notification Service's (2 x 16) stay well inside PostgreSQL's 100 connections.
            settings => settings.ConnectionString = PostgresConnectionString.Tune(settings.ConnectionString, maxPoolSize: 24),
            options => options.UseSnakeCaseNamingConvention()
                // A unique violation is an answer (409 already-enrolled, duplicate-...), not a failure, yet EF logs each
                // at Error, which badges the service red in the dashboard for a user's mistake. A real failure still
                // reaches the exception handler (or the background service's own log) and is logged there.
                .ConfigureWarnings(warnings => warnings.Log(
                    (RelationalEventId.CommandError, LogLevel.Information),
                    (CoreEventId.SaveChangesFailed, LogLevel.Information))));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<DatabaseClock>();
        return builder;
    }
}
