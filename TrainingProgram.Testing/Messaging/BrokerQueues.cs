using RabbitMQ.Client;

namespace TrainingProgram.Testing.Messaging;

/// <summary>Queue depths read straight from the topology's broker (a passive declare over AMQP).</summary>
public sealed class BrokerQueues
{
    /// <summary>The Notification Service's queue of enrollment events.</summary>
    public const string Notifications = "notification-service.enrollments";

    private readonly Func<CancellationToken, Task<string>> _connectionString;
    private readonly TopologyTimeouts _timeouts;
    private readonly Func<string>? _diagnostics;

    internal BrokerQueues(Func<CancellationToken, Task<string>> connectionString, TopologyTimeouts timeouts, Func<string>? diagnostics)
    {
        _connectionString = connectionString;
        _timeouts = timeouts;
        _diagnostics = diagnostics;
    }

    /// <summary>Messages ready for delivery in <paramref name="queue"/> (not counting those a consumer holds unacknowledged).</summary>
    public async Task<uint> ReadyMessagesAsync(string queue = Notifications, CancellationToken cancellationToken = default) =>
        (await InspectAsync(queue, cancellationToken)).MessageCount;

    /// <summary>Consumers attached to <paramref name="queue"/>.</summary>
    public async Task<uint> ConsumersAsync(string queue = Notifications, CancellationToken cancellationToken = default) =>
        (await InspectAsync(queue, cancellationToken)).ConsumerCount;

    /// <summary>Polls until <paramref name="queue"/> holds exactly <paramref name="count"/> ready messages.</summary>
    public Task WaitForReadyMessagesAsync(int count, string queue = Notifications, TimeSpan? timeout = null) =>
        Eventually.Until(ct => ReadyMessagesAsync(queue, ct), ready => ready == count, $"{count} ready message(s) in {queue}",
            timeout ?? _timeouts.Outcome, _diagnostics);

    /// <summary>Polls until <paramref name="queue"/> has no message ready for delivery: its consumers took everything.</summary>
    public Task WaitForDrainedAsync(string queue = Notifications, TimeSpan? timeout = null) =>
        WaitForReadyMessagesAsync(0, queue, timeout);

    private async Task<QueueDeclareOk> InspectAsync(string queue, CancellationToken cancellationToken)
    {
        var ct = cancellationToken.CanBeCanceled ? cancellationToken : TestCancellation.Current;
        var factory = new ConnectionFactory { Uri = new Uri(await _connectionString(ct)) };
        await using var connection = await factory.CreateConnectionAsync("trainingprogram-testing", ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        return await channel.QueueDeclarePassiveAsync(queue, ct);
    }
}
