using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// Starts a consumer again after its channel closed, or the broker cancelled it (a consumer_timeout, a deleted queue),
/// while the connection stayed up. The connection's automatic recovery restores channels only when the connection
/// itself failed, and while it runs it restores them itself: a channel opened meanwhile would be a second consumer,
/// and one the recovery may take over under its handlers. So once no such recovery is under way and the consumer is
/// still not consuming, <c>consume</c> opens a new channel, for as long as it takes.
/// </summary>
internal sealed partial class ConsumerResumption : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private readonly IConnection _connection;
    private readonly string _queue;
    private readonly Func<CancellationToken, Task> _consume;
    private readonly Func<bool> _isConsuming;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _connectionRecovering;

    /// <param name="consume">Opens a new channel and starts consuming on it, replacing the old one.</param>
    /// <param name="isConsuming">Whether the current channel is open and its consumer running.</param>
    public ConsumerResumption(IConnection connection, string queue, Func<CancellationToken, Task> consume, Func<bool> isConsuming,
        TimeProvider clock, ILogger logger, CancellationToken stopping)
    {
        _connection = connection;
        _queue = queue;
        _consume = consume;
        _isConsuming = isConsuming;
        _clock = clock;
        _logger = logger;
        _stopping = stopping;

        // A failed recovery attempt aborts its new connection as the application: only success ends the recovery.
        connection.ConnectionShutdownAsync += (_, reason) =>
        {
            _connectionRecovering |= reason.Initiator != ShutdownInitiator.Application;
            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += (_, _) =>
        {
            _connectionRecovering = false;
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Watches <paramref name="channel"/> and <paramref name="consumer"/>: when the channel closes by the broker's
    /// doing, or the consumer is cancelled while it is still the current one (<paramref name="isCurrent"/>; a
    /// replaced consumer is cancelled by the service itself), consuming resumes.
    /// </summary>
    public void Watch(IChannel channel, AsyncEventingBasicConsumer consumer, Func<bool> isCurrent)
    {
        consumer.UnregisteredAsync += (_, _) => isCurrent() ? SoonAsync("the consumer was cancelled") : Task.CompletedTask;
        channel.ChannelShutdownAsync += (_, reason) =>
            reason.Initiator != ShutdownInitiator.Application ? SoonAsync(reason.ReplyText) : Task.CompletedTask;
    }

    /// <summary>Consuming stopped (<paramref name="reason"/>): checks every few seconds and resumes it once that is this service's job.</summary>
    public Task SoonAsync(string reason)
    {
        if (_stopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        LogInterrupted(_queue, reason);
        _ = Task.Run(ResumeAsync);
        return Task.CompletedTask;
    }

    private async Task ResumeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckInterval, _clock, _stopping);
                if (_isConsuming())
                {
                    return;
                }

                if (!_connectionRecovering && _connection.IsOpen && await _gate.WaitAsync(0, _stopping))
                {
                    try
                    {
                        await _consume(_stopping);
                        LogResumed(_queue);
                        return;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogResumeFailed(_queue, ex.Message);
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming {Queue} stopped ({Reason}); starting it again unless the connection's recovery does")]
    private partial void LogInterrupted(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} again on a new channel")]
    private partial void LogResumed(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start consuming {Queue} again yet: {Error}")]
    private partial void LogResumeFailed(string queue, string error);
}
