using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.Messaging.DeadLetters;

/// <summary>
/// Moves what the broker dead-letters by itself (a message past the queue's delivery limit) from the dead-letter queue
/// into the dead letters, so that operators find every dead letter in one place and can replay it. One message at a
/// time; acked only once stored. Like the queue consumer, it consumes again when its channel alone closes or the
/// broker cancels it (<see cref="ConsumerResumption"/>).
/// </summary>
internal sealed partial class DeadLetterQueueIngester(
    IConnection connection, ConsumerTopology topology, DeadLetterSink deadLetters, TimeProvider clock, ILogger<DeadLetterQueueIngester> logger)
    : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private ConsumerResumption? _resumption;
    private IChannel? _channel;
    private AsyncEventingBasicConsumer? _consumer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The queue consumer, registered first, has declared the queue.
        _resumption = new ConsumerResumption(connection, topology.DeadLetterQueue, ConsumeAsync,
            () => _channel is { IsOpen: true } && _consumer is { IsRunning: true }, clock, logger, _stopping.Token);
        await ConsumeAsync(cancellationToken);
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        // Idempotent; at a resume the queue may be what went away (deleted).
        await QueueTopology.DeclareDeadLetterQueueAsync(channel, topology, cancellationToken);
        await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: 1, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        _resumption!.Watch(channel, consumer, () => ReferenceEquals(_consumer, consumer));
        await channel.BasicConsumeAsync(topology.DeadLetterQueue, autoAck: false, consumer, cancellationToken);
        _consumer = consumer;
        var replaced = Interlocked.Exchange(ref _channel, channel);
        if (replaced is not null)
        {
            // Otherwise the connection's next recovery would reopen it, with its consumer, beside this one.
            if (replaced.IsOpen)
            {
                await ChannelClosing.BoundedAsync(replaced, QueueConsumer.CloseTimeout, LogCloseFailed);
            }

            await replaced.DisposeAsync();
        }
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        var message = OriginalOf(delivery);
        var deathReason = MessageHeaders.ReadString(delivery.BasicProperties.Headers, "x-first-death-reason") ?? "unknown";
        try
        {
            await deadLetters.StoreAsync(delivery.BasicProperties, message, DeadLetterReasons.DeliveryLimit,
                $"The broker dead-lettered it ({deathReason}) after {QueueTopology.DeliveryLimit} deliveries that were never settled.",
                message.FailedAttempts, _stopping.Token);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            LogStored(message.MessageId, deathReason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (_stopping.IsCancellationRequested || !channel.IsOpen)
            {
                return; // the broker keeps the message in the queue
            }

            // Not stored (a bug): back to the queue after a pause, rather than holding the only prefetch slot for good.
            LogNotStored(ex, message.MessageId);
            await Task.Delay(RetryPause, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            try
            {
                await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: true, CancellationToken.None);
            }
            catch (Exception rejectError) when (rejectError is not OutOfMemoryException)
            {
                // The channel is gone: the broker has the message back.
            }
        }
    }

    /// <summary>
    /// The message as it was in the queue that gave up on it: a message the broker dead-letters arrives through the
    /// dead-letter exchange; where it came from is in the broker's x-death record (or, if it had been retried, in our
    /// own headers).
    /// </summary>
    internal static ReceivedMessage OriginalOf(BasicDeliverEventArgs delivery)
    {
        var message = ReceivedMessage.From(delivery);
        var headers = delivery.BasicProperties.Headers;
        var exchange = MessageHeaders.ReadString(headers, MessageHeaders.OriginalExchange)
            ?? MessageHeaders.ReadString(headers, "x-first-death-exchange")
            ?? message.Exchange;
        var routingKey = MessageHeaders.ReadString(headers, MessageHeaders.OriginalRoutingKey)
            ?? FirstDeathRoutingKey(headers)
            ?? message.RoutingKey;
        return message with { Exchange = exchange, RoutingKey = routingKey };
    }

    private static string? FirstDeathRoutingKey(IDictionary<string, object?>? headers) =>
        headers is not null && headers.TryGetValue("x-death", out var deaths) && deaths is IList<object?> { Count: > 0 } list
            && list[^1] is IDictionary<string, object?> first && first.TryGetValue("routing-keys", out var keys)
            && keys is IList<object?> { Count: > 0 } routingKeys
            ? routingKeys[0] switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_channel is { IsOpen: true })
        {
            await ChannelClosing.BoundedAsync(_channel, QueueConsumer.CloseTimeout, LogCloseFailed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _stopping.Dispose();
        _resumption?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the dead-letter channel failed: {Reason}")]
    private partial void LogCloseFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not move dead-lettered message {MessageId} into the dead letters; it goes back to the queue")]
    private partial void LogNotStored(Exception ex, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker dead-lettered message {MessageId} ({DeathReason}); it is now in the dead letters")]
    private partial void LogStored(string? messageId, string deathReason);
}
