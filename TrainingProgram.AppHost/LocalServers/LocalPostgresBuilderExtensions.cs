using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TrainingProgram.AppHost.LocalServers;

namespace Aspire.Hosting;

public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server that runs as a local process (LocalServers/postgres.sh): loopback only,
    /// SCRAM passwords, its data in this run's own folder.
    /// </summary>
    internal static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password,
        string postgresBinDirectory, RunDirectory runDirectory)
    {
        var server = new LocalPostgresServerResource(name, password.Resource, builder.AppHostDirectory);
        var port = FreePort.Next();
        var healthCheckKey = $"{name}_check";

        builder.Services.AddHealthChecks().Add(ReadinessHealthCheck.Register(healthCheckKey, ct => PingAsync(server, database: null, ct)));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, (_, ct) => CreateDatabasesAsync(server, ct));

        return builder.AddResource(server)
            .WithArgs(Path.Combine(builder.AppHostDirectory, "LocalServers", "postgres.sh"))
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresServerResource.PrimaryEndpointName, isProxied: false)
            .WithEnvironment("PG_BIN", postgresBinDirectory)
            .WithEnvironment("PGDATA", runDirectory.For(name))
            .WithEnvironment("PGPORT", port.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("DatabaseMultiple");
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases[name] = database.DatabaseName;
        var healthCheckKey = $"{name}_check";

        server.ApplicationBuilder.Services.AddHealthChecks()
            .Add(ReadinessHealthCheck.Register(healthCheckKey, ct => PingAsync(server.Resource, database.DatabaseName, ct)));

        // Aspire passes a parent's state on to its children only for containers: follow the server here.
        server.ApplicationBuilder.Eventing.Subscribe<InitializeResourceEvent>(database, (initialize, cancellationToken) =>
        {
            var stopping = initialize.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = FollowServerStateAsync(database, initialize.Notifications, stopping);
            return Task.CompletedTask;
        });

        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheckKey);
    }

    private static async Task FollowServerStateAsync(
        LocalPostgresDatabaseResource database, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (update.Resource == database.Parent)
                {
                    await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                    {
                        State = update.Snapshot.State,
                        StartTimeStamp = update.Snapshot.StartTimeStamp,
                        StopTimeStamp = update.Snapshot.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task PingAsync(LocalPostgresServerResource server, string? database, CancellationToken cancellationToken)
    {
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = new NpgsqlConnection($"{connectionString};Database={database ?? "postgres"};Pooling=false;Timeout=3");
        await connection.OpenAsync(cancellationToken);
        await using var ping = new NpgsqlCommand("SELECT 1", connection);
        await ping.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task CreateDatabasesAsync(LocalPostgresServerResource server, CancellationToken cancellationToken)
    {
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = new NpgsqlConnection($"{connectionString};Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);

        foreach (var databaseName in server.Databases.Values)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = databaseName } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                var quotedName = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                await using var create = new NpgsqlCommand($"CREATE DATABASE {quotedName}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
