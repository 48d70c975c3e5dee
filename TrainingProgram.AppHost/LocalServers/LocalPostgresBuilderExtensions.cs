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

        builder.Services.AddHealthChecks().Add(ReadinessHealthCheck.Register(healthCheckKey, ct => PingAsync(server, ct)));

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

    /// <summary>A database owned by its own role (see <see cref="PostgresOwnedDatabaseExtensions"/>) on the local server.</summary>
    public static IResourceBuilder<PostgresOwnedDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, IResourceBuilder<ParameterResource> ownerPassword)
    {
        var database = server.AddOwnedDatabase(
            name,
            ReferenceExpression.Create($"127.0.0.1"),
            ReferenceExpression.Create($"{server.Resource.PrimaryEndpoint.Property(EndpointProperty.Port)}"),
            ownerPassword);

        server.ApplicationBuilder.FollowStateOf(database.Resource, server.Resource);
        return database;
    }

    private static async Task PingAsync(LocalPostgresServerResource server, CancellationToken cancellationToken)
    {
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = new NpgsqlConnection($"{connectionString};Database=postgres;Pooling=false;Timeout=3");
        await connection.OpenAsync(cancellationToken);
        await using var ping = new NpgsqlCommand("SELECT 1", connection);
        await ping.ExecuteScalarAsync(cancellationToken);
    }
}
