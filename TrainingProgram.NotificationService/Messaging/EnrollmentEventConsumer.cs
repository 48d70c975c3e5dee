using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// Declares the topology and consumes <see cref="NotificationTopology.Queue"/> with manual acks, a bounded prefetch and
/// bounded concurrency. A hosted service: the host waits for it to start (declaration failures stop start-up) and to
/// stop (in-flight deliveries finish and are acked first). The connection's automatic recovery re-declares the
/// topology and re-registers this consumer after a broker restart.
/// </summary>
internal sealed partial class EnrollmentEventConsumer(
    IConnection connection,
    DeliveryRepublisher republisher,
    EnrollmentEventProcessor processor,
    IOptions<NotificationOptions> options,
    ILogger<EnrollmentEventConsumer> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _inFlightGate = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;
    private IChannel? _channel;
    private string? _consumerTag;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;

        await using (var topologyChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
        {
            await NotificationTopology.DeclareAsync(topologyChannel, cancellationToken);
            await topologyChannel.CloseAsync(cancellationToken);
        }

        await republisher.OpenAsync(cancellationToken);

        _channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false,
                consumerDispatchConcurrency: settings.ConsumerConcurrency),
            cancellationToken);
        await _channel.BasicQosAsync(prefetchSize: 0, prefetchCount: settings.PrefetchCount, global: false, cancellationToken);

        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        _consumerTag = await _channel.BasicConsumeAsync(NotificationTopology.Queue, autoAck: false, consumer, cancellationToken);
        LogStarted(NotificationTopology.Queue, settings.PrefetchCount, settings.ConsumerConcurrency);
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        if (!TryEnter())
        {
            return; // stopping: leave the message unacked; the broker gives it to another consumer
        }

        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        try
        {
            await processor.ProcessAsync(delivery, _stopping.Token);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not settled (the broker refused a re-publish, the channel closed, shutdown): never ack. Requeue it; if even
            // that fails the broker redelivers it when the channel closes. x-delivery-limit stops an endless loop.
            LogNotSettled(ex, delivery.BasicProperties.MessageId);
            try
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
            }
            catch (Exception nackError) when (nackError is not OutOfMemoryException)
            {
                LogNackFailed(nackError.Message);
            }
        }
        finally
        {
            Exit();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } channel && _consumerTag is not null)
        {
            try
            {
                await channel.BasicCancelAsync(_consumerTag, noWait: false, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCancelFailed(ex.Message);
            }
        }

        Task drained;
        lock (_inFlightGate)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight == 0)
            {
                _drained.SetResult();
            }

            drained = _drained.Task;
        }

        try
        {
            await drained.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: abandon what is in flight; those messages stay unacked and are redelivered.
            await _stopping.CancelAsync();
        }

        if (_channel is { IsOpen: true })
        {
            await _channel.CloseAsync(CancellationToken.None);
        }
    }

    private bool TryEnter()
    {
        lock (_inFlightGate)
        {
            if (_drained is not null)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    private void Exit()
    {
        lock (_inFlightGate)
        {
            if (--_inFlight == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} (prefetch {Prefetch}, concurrency {Concurrency})")]
    private partial void LogStarted(string queue, ushort prefetch, ushort concurrency);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} could not be settled; returning it to the queue")]
    private partial void LogNotSettled(Exception ex, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not return the message to the queue ({Error}); the broker will redeliver it")]
    private partial void LogNackFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel the consumer cleanly: {Error}")]
    private partial void LogCancelFailed(string error);
}
