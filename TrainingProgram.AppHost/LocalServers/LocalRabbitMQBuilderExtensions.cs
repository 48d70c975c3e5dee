using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using TrainingProgram.AppHost.LocalServers;

namespace Aspire.Hosting;

public static class LocalRabbitMQBuilderExtensions
{
    /// <summary>
    /// Adds a RabbitMQ broker (with its management UI) that runs as a local process (LocalServers/rabbitmq.sh):
    /// loopback only, its own epmd on its own port, its data in this run's own folder.
    /// </summary>
    internal static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource> userName, IResourceBuilder<ParameterResource> password,
        string rabbitMQServer, RunDirectory runDirectory)
    {
        var broker = new LocalRabbitMQServerResource(name, userName.Resource, password.Resource, builder.AppHostDirectory);
        var amqpPort = FreePort.Next();
        var managementPort = FreePort.Next();
        var healthCheckKey = $"{name}_check";

        builder.Services.AddHealthChecks().Add(ReadinessHealthCheck.Register(healthCheckKey, ct => PingAsync(broker, ct)));

        return builder.AddResource(broker)
            .WithArgs(Path.Combine(builder.AppHostDirectory, "LocalServers", "rabbitmq.sh"))
            .WithEndpoint(port: amqpPort, targetPort: amqpPort, scheme: "tcp", name: LocalRabbitMQServerResource.PrimaryEndpointName, isProxied: false)
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: LocalRabbitMQServerResource.ManagementEndpointName, isProxied: false)
            .WithEnvironment("RABBITMQ_SERVER", rabbitMQServer)
            .WithEnvironment("RABBITMQ_BASE", runDirectory.For(name))
            .WithEnvironment("RABBITMQ_NODE_PORT", amqpPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", FreePort.Next().ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_PORT", FreePort.Next().ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_MANAGEMENT_PORT", managementPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DEFAULT_USER", userName)
            .WithEnvironment("RABBITMQ_DEFAULT_PASS", password)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Mailbox");
    }

    private static async Task PingAsync(LocalRabbitMQServerResource broker, CancellationToken cancellationToken)
    {
        var uri = await broker.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var factory = new ConnectionFactory { Uri = new Uri(uri!), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
        await using var connection = await factory.CreateConnectionAsync("trainingprogram-apphost-health", cancellationToken);
        await connection.CloseAsync(cancellationToken);
    }
}
