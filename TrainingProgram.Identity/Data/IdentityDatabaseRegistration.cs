using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.Identity.Data;

public static class IdentityDatabaseRegistration
{
    /// <summary>The Aspire Npgsql EF Core integration (pooling, retries, health check, telemetry) on "identitydb".</summary>
    public static IHostApplicationBuilder AddIdentityDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<IdentityDbContext>(
            IdentityDbContext.ConnectionName,
            // A sign-in or a token takes a few short queries; two replicas (8) keep PostgreSQL's 100 connections
            // clear of the other services' pools.
            settings => settings.ConnectionString = PostgresConnectionString.Tune(settings.ConnectionString, maxPoolSize: 4),
            options => options.UseSnakeCaseNamingConvention());
        return builder;
    }
}
