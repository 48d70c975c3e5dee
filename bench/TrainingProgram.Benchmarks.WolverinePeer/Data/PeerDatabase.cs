using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainingProgram.ServiceDefaults.Data;
using Wolverine.EntityFrameworkCore;

namespace TrainingProgram.Benchmarks.WolverinePeer.Data;

public static class PeerDatabase
{
    public const string ConnectionName = "peerdb";

    /// <summary>
    /// The peer's one database, registered the way Wolverine recommends: its envelope tables are mapped into the
    /// DbContext, so the outbox row is written in the same SaveChanges batch as the enrollment.
    /// </summary>
    public static IHostApplicationBuilder AddPeerDatabase(this IHostApplicationBuilder builder)
    {
        // Our API's pool size and statement preparation, so the comparison is of the pipelines, not of the tuning.
        var connectionString = ConnectionString(builder.Configuration, maxPoolSize: 24);
        builder.Services.AddDbContextWithWolverineIntegration<PeerDbContext>(
            options => options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
                // A unique violation is an answer (409 already-enrolled), not a failure, yet EF logs each at Error.
                .ConfigureWarnings(warnings => warnings.Log(
                    (RelationalEventId.CommandError, LogLevel.Information),
                    (CoreEventId.SaveChangesFailed, LogLevel.Information))));
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration, int maxPoolSize) =>
        PostgresConnectionString.Tune(configuration.GetConnectionString(ConnectionName), maxPoolSize)
            ?? throw new InvalidOperationException($"The connection string '{ConnectionName}' is not set.");
}
