using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// The peer (bench/TrainingProgram.Benchmarks.WolverinePeer): the same endpoint, tables, rules and email built with
/// Wolverine's EF Core outbox and RabbitMQ transport, in one process. It runs beside the topology on the same
/// servers, with its own database, and starts only when the benchmark asks (after creating that database).
/// </summary>
public static class WolverinePeer
{
    public const string Name = "wolverine-peer";
    public const string Database = "peerdb";

    public static void AddTo(IDistributedApplicationBuilder builder, Func<IMailServer> mail)
    {
        var postgres = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "postgres");
        var messaging = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "messaging");
        var identity = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "identity");
        var project = Path.Combine(builder.AppHostDirectory, "..", "bench", "TrainingProgram.Benchmarks.WolverinePeer",
            "TrainingProgram.Benchmarks.WolverinePeer.csproj");
        builder.AddProject(Name, project)
            .WithReference(builder.CreateResourceBuilder(messaging))
            .WithEnvironment(async context => context.EnvironmentVariables["ConnectionStrings__peerdb"] =
                new NpgsqlConnectionStringBuilder(await postgres.ConnectionStringExpression.GetValueAsync(context.CancellationToken))
                {
                    Database = Database,
                }.ConnectionString)
            .WithEnvironment(context => context.EnvironmentVariables["ConnectionStrings__mail"] = $"Endpoint={mail().Endpoint}")
            .WithIdentityProvider(builder.CreateResourceBuilder(identity))
            .WithHttpHealthCheck("/health")
            .WithExplicitStart();
    }

    /// <summary>Creates the peer's database (anew) as the server's superuser.</summary>
    public static async Task CreateDatabaseAsync(string server)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", $"CREATE DATABASE {Database}" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static string ConnectionString(string server) =>
        new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
}
