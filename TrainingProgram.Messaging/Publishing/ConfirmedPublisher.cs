using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TrainingProgram.Messaging.Publishing;

/// <summary>
/// One long-lived channel with publisher confirms, opened on first use and reopened whenever it has closed (a broker
/// restart, a channel error). <see cref="PublishAsync"/> returns only once the broker has confirmed the message, and
/// throws if it nacked it or returned it (every message is mandatory, so one no queue takes fails here instead of
/// vanishing).
/// </summary>
/// <remarks>
/// The connection is resolved on first use, not at start-up, so a service starts (and, with the outbox, takes work)
/// while the broker is away.
/// </remarks>
public sealed partial class ConfirmedPublisher(
    IServiceProvider services, IEnumerable<ExchangeDeclaration> exchanges, ILogger<ConfirmedPublisher> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _channelGate = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var channel = await GetChannelAsync(cancellationToken);
        // With confirmation tracking on, this completes when the broker confirms, and throws if it nacks or returns.
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, cancellationToken);
    }

    /// <summary>The broker returned the message: no queue is bound for its routing key.</summary>
    public static bool IsUnroutable(Exception failure) => failure is PublishException { IsReturn: true };

    /// <summary>The broker answered and refused the message (returned or nacked), as opposed to never having seen it.</summary>
    public static bool IsRefusal(Exception failure) => failure is PublishException;

    private async Task<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await _channelGate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } reopened)
            {
                return reopened;
            }

            if (_channel is not null)
            {
                await _channel.DisposeAsync();
                _channel = null;
                LogReopening();
            }

            var connection = services.GetRequiredService<IConnection>();
            _channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            foreach (var exchange in exchanges)
            {
                await exchange.DeclareAsync(_channel, cancellationToken);
            }

            return _channel;
        }
        finally
        {
            _channelGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _channelGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The publishing channel had closed; opening a new one")]
    private partial void LogReopening();
}
