using RabbitMQ.Client;

namespace TrainingProgram.Tests.Notifications;

/// <summary>The Notification Service's work queues, as the broker sees them right now.</summary>
public static class NotificationQueues
{
    public const string Main = "notification-service.enrollments";

    public static readonly string[] All = [Main, Main + ".retry.1s", Main + ".retry.5s", Main + ".retry.30s"];

    /// <summary>Messages waiting in the main queue or a delay queue (passive declares: exact, unlike management statistics).</summary>
    public static async Task<uint> WaitingAsync(IChannel channel, CancellationToken cancellationToken)
    {
        uint waiting = 0;
        foreach (var queue in All)
        {
            waiting += (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }

        return waiting;
    }
}
