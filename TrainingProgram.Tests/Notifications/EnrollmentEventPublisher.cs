using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using TrainingProgram.Messaging.Topology;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>
/// Publishes enrollment events the way docs/events.md says the Enrollment API does (properties, headers, persistent,
/// mandatory, publisher confirms), and raw bodies for poison-message tests.
/// </summary>
public sealed class EnrollmentEventPublisher : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private EnrollmentEventPublisher(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<EnrollmentEventPublisher> ConnectAsync(TrainingProgramApp app)
    {
        var factory = new ConnectionFactory { Uri = new Uri((await app.GetConnectionStringAsync(ResourceNames.Messaging))!) };
        var cancellationToken = TestContext.Current.CancellationToken;
        var connection = await factory.CreateConnectionAsync("notification-tests", cancellationToken);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        return new EnrollmentEventPublisher(connection, channel);
    }

    public IChannel Channel => _channel;

    public IConnection Connection => _connection;

    /// <summary>Publishes the event; returns the W3C traceparent it carries.</summary>
    public Task<string> PublishAsync(TestEnrollmentEvent enrollmentEvent) =>
        PublishRawAsync(enrollmentEvent.RoutingKey, JsonSerializer.SerializeToUtf8Bytes(enrollmentEvent, Json),
            enrollmentEvent.EventId.ToString(), enrollmentEvent.EventType, enrollmentEvent.EventVersion, enrollmentEvent.OccurredAt);

    public Task<string> PublishRawAsync(string routingKey, string body, string messageId, string type) =>
        PublishRawAsync(routingKey, Encoding.UTF8.GetBytes(body), messageId, type, eventVersion: null, DateTimeOffset.UtcNow);

    private async Task<string> PublishRawAsync(string routingKey, byte[] body, string messageId, string type, int? eventVersion, DateTimeOffset occurredAt)
    {
        var traceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
        var headers = new Dictionary<string, object?> { ["traceparent"] = traceParent };
        if (eventVersion is { } version)
        {
            headers["event-version"] = version;
        }

        var properties = new BasicProperties
        {
            MessageId = messageId,
            Type = type,
            ContentType = TrainingProgram.Messaging.MessageHeaders.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(occurredAt.ToUnixTimeSeconds()),
            Headers = headers,
        };
        await _channel.BasicPublishAsync(EnrollmentEventsTopology.Exchange, routingKey, mandatory: true, properties, body,
            TestContext.Current.CancellationToken);
        return traceParent;
    }

    /// <summary>
    /// Puts <paramref name="enrollmentEvent"/> straight into <paramref name="deadLetterQueue"/> the way the broker
    /// dead-letters a message past the delivery limit: with its x-first-death headers.
    /// </summary>
    public async Task PublishDeadLetteredAsync(string deadLetterQueue, TestEnrollmentEvent enrollmentEvent)
    {
        var properties = new BasicProperties
        {
            MessageId = enrollmentEvent.EventId.ToString(),
            Type = enrollmentEvent.EventType,
            ContentType = TrainingProgram.Messaging.MessageHeaders.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                ["x-first-death-reason"] = "delivery_limit",
                ["x-first-death-exchange"] = EnrollmentEventsTopology.Exchange,
                ["x-first-death-queue"] = BrokerQueues.Notifications,
            },
        };
        var routingKeys = new List<object?> { Encoding.UTF8.GetBytes(enrollmentEvent.RoutingKey) };
        properties.Headers["x-death"] = new List<object?> { new Dictionary<string, object?> { ["routing-keys"] = routingKeys } };
        await _channel.BasicPublishAsync(string.Empty, deadLetterQueue, mandatory: true, properties,
            JsonSerializer.SerializeToUtf8Bytes(enrollmentEvent, Json), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
