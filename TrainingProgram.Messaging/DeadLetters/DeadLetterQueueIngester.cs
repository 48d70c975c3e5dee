using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.Messaging.DeadLetters;

/// <summary>
/// Moves what the broker dead-letters by itself (a message past the queue's delivery limit) from the dead-letter queue
/// into the dead-letter store, so that operators find every dead letter in one place and can replay it. One message at
/// a time; acked only once stored.
/// </summary>
internal sealed partial class DeadLetterQueueIngester(
    IConnection connection, ConsumerTopology topology, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeadLetterQueueIngester> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IChannel? _channel;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The queue consumer, registered first, has declared the queue.
        _channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await _channel.BasicQosAsync(prefetchSize: 0, prefetchCount: 1, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        await _channel.BasicConsumeAsync(topology.DeadLetterQueue, autoAck: false, consumer, cancellationToken);
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        var message = QueueConsumer.Read(delivery);
        var deathReason = MessageHeaders.ReadString(delivery.BasicProperties.Headers, "x-first-death-reason") ?? "unknown";
        var deadLetter = new DeadLetter
        {
            Queue = topology.Queue,
            MessageId = message.MessageId,
            MessageType = message.Type,
            Exchange = message.Exchange,
            RoutingKey = message.RoutingKey,
            Reason = DeadLetterReasons.DeliveryLimit,
            Description = $"The broker dead-lettered it ({deathReason}): it was delivered {QueueTopology.DeliveryLimit} times without being settled.",
            Attempts = message.FailedAttempts,
            Replays = MessageHeaders.ReadInt(message.Headers, MessageHeaders.Replays),
            DeadLetteredAt = clock.GetUtcNow(),
            ContentType = delivery.BasicProperties.ContentType,
            Headers = QueueConsumer.HeadersAsText(message.Headers),
            Body = message.Body.ToArray(),
        };

        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IDeadLetterStore>().AddAsync(deadLetter, _stopping.Token);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
                LogStored(message.MessageId, deathReason);
                return;
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                LogStoreFailed(ex, message.MessageId);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_channel is { IsOpen: true })
        {
            await _channel.CloseAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker dead-lettered message {MessageId} ({DeathReason}); it is now in the dead letters")]
    private partial void LogStored(string? messageId, string deathReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store dead-lettered message {MessageId}; trying again")]
    private partial void LogStoreFailed(Exception ex, string? messageId);
}
