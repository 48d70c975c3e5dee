using RabbitMQ.Client;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>Reads queue depths straight from the real broker.</summary>
public static class BrokerQueues
{
    public const string Notifications = "notification-service.enrollments";

    public static async Task<uint> ReadyMessagesAsync(string connectionString, string queue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync("trainingprogram-tests", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
        return declared.MessageCount;
    }
}
