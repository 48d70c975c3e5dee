using RabbitMQ.Client;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>Reads queue depths straight from the real broker.</summary>
public static class BrokerQueues
{
    public const string Notifications = "notification-service.enrollments";

    public static async Task<uint> ReadyMessagesAsync(string connectionString, string queue, CancellationToken cancellationToken) =>
        (await InspectAsync(connectionString, queue, cancellationToken)).MessageCount;

    public static async Task<uint> ConsumersAsync(string connectionString, string queue, CancellationToken cancellationToken) =>
        (await InspectAsync(connectionString, queue, cancellationToken)).ConsumerCount;

    private static async Task<QueueDeclareOk> InspectAsync(string connectionString, string queue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync("trainingprogram-tests", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
    }
}
