using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TrainingProgram.ServiceDefaults.Messaging;

namespace TrainingProgram.EnrollmentApi.Outbox;

/// <summary>
/// Publishes outbox rows to the enrollments exchange on one long-lived channel with publisher confirms:
/// a row counts as published only when the broker confirmed it, and a message no queue would take
/// (returned, as mandatory is set) or one the broker nacked counts as failed.
/// </summary>
/// <remarks>
/// The connection is resolved on first use, not at start-up: the API starts, and takes enrollments, while the
/// broker is away; the relay simply keeps trying.
/// </remarks>
public sealed partial class EnrollmentEventPublisher(IServiceProvider services, ILogger<EnrollmentEventPublisher> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _channelGate = new(1, 1);
    private IChannel? _channel;

    /// <summary>Publishes every message at once and waits for all confirms; returns each message's failure, or null.</summary>
    public async Task<IReadOnlyList<Exception?>> PublishAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var channel = await GetChannelAsync(cancellationToken);
        var confirms = new Task[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            confirms[i] = PublishOneAsync(channel, messages[i], cancellationToken);
        }

        var failures = new Exception?[messages.Count];
        for (var i = 0; i < confirms.Length; i++)
        {
            try
            {
                await confirms[i];
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures[i] = ex;
            }
        }

        return failures;
    }

    private static async Task PublishOneAsync(IChannel channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        var cause = AmqpTraceContext.ParseTraceParent(message.TraceParent, message.TraceState);
        using var activity = OutboxTelemetry.Source.StartActivity(
            $"{EnrollmentEventsTopology.Exchange} publish", ActivityKind.Producer, cause);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.operation.name", "publish");
        activity?.SetTag("messaging.destination.name", EnrollmentEventsTopology.Exchange);
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", message.RoutingKey);
        activity?.SetTag("messaging.message.id", message.EventId.ToString());

        var properties = new BasicProperties
        {
            MessageId = message.EventId.ToString(),
            Type = message.EventType,
            ContentType = EnrollmentEventsTopology.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(message.OccurredAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?> { ["event-version"] = EnrollmentEvent.Version, ["acting-subject"] = message.Actor },
        };
        AmqpTraceContext.Inject(activity?.Context ?? cause, properties.Headers);

        try
        {
            await channel.BasicPublishAsync(
                EnrollmentEventsTopology.Exchange, message.RoutingKey, mandatory: true, properties,
                Encoding.UTF8.GetBytes(message.Payload), cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex is PublishException { IsReturn: true } ? "unroutable" : ex.Message);
            throw;
        }
    }

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
            }

            var connection = services.GetRequiredService<IConnection>();
            _channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            await _channel.ExchangeDeclareAsync(
                EnrollmentEventsTopology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false,
                cancellationToken: cancellationToken);
            LogChannelOpened(EnrollmentEventsTopology.Exchange);
            return _channel;
        }
        finally
        {
            _channelGate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing channel open; exchange {Exchange} declared")]
    private partial void LogChannelOpened(string exchange);

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _channelGate.Dispose();
    }
}
