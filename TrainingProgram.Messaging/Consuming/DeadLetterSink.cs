using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using TrainingProgram.Messaging.DeadLetters;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// Puts a message in the dead letters, whoever gave up on it (the consumer, or the broker past the delivery limit):
/// stored with what a replay needs and what an operator wants to see, counted, and reported to the handler. While the
/// store is unreachable it holds the message and tries again, so nothing is acked before it is stored.
/// </summary>
internal sealed partial class DeadLetterSink(
    IServiceScopeFactory scopes, ConsumerTopology topology, ConsumerMetrics metrics, TimeProvider clock, ILogger<DeadLetterSink> logger)
{
    private static readonly TimeSpan StoreRetryDelay = TimeSpan.FromSeconds(1);

    public async Task StoreAsync(
        IReadOnlyBasicProperties properties, ReceivedMessage message, string reason, string description, int attempts, CancellationToken stopping)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<IMessageHandler>();
            var deadLetter = DeadLetterOf(properties, message, handler.SubjectOf(message), reason, description, attempts);
            while (true)
            {
                try
                {
                    await using var storeScope = scopes.CreateAsyncScope();
                    await storeScope.ServiceProvider.GetRequiredService<IDeadLetterStore>().AddAsync(deadLetter, stopping);
                    break;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    LogStoreFailed(ex, message.MessageId, StoreRetryDelay.TotalSeconds);
                    await Task.Delay(StoreRetryDelay, clock, stopping);
                }
            }

            metrics.DeadLettered(reason);
            try
            {
                await handler.OnDeadLetteredAsync(message, reason, description, stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                LogOnDeadLetteredFailed(ex, message.MessageId);
            }
        }
    }

    private DeadLetter DeadLetterOf(IReadOnlyBasicProperties properties, ReceivedMessage message, string? subject, string reason, string description, int attempts) => new()
    {
        Queue = topology.Queue,
        MessageId = Truncate(message.MessageId, 255),
        MessageType = Truncate(message.Type, 255),
        Subject = Truncate(subject, 255),
        Exchange = Truncate(message.Exchange, 255)!,
        RoutingKey = Truncate(message.RoutingKey, 255)!,
        Reason = Truncate(reason, 64)!,
        Description = Truncate(description, 2000)!,
        Attempts = attempts,
        Replays = MessageHeaders.ReadInt(message.Headers, MessageHeaders.Replays),
        DeadLetteredAt = clock.GetUtcNow(),
        ContentType = Truncate(properties.ContentType, 255),
        Timestamp = TimestampOf(properties),
        Headers = HeadersAsText(message.Headers),
        Body = message.Body.ToArray(),
    };

    /// <summary>The headers worth keeping for a replay, as text; the retry counter and routing history are left out.</summary>
    internal static Dictionary<string, string> HeadersAsText(IDictionary<string, object?>? headers)
    {
        var text = new Dictionary<string, string>();
        foreach (var (name, value) in headers ?? new Dictionary<string, object?>())
        {
            if (name is MessageHeaders.RetryAttempt or MessageHeaders.Replays or MessageHeaders.OriginalExchange or MessageHeaders.OriginalRoutingKey
                || name.StartsWith("x-death", StringComparison.Ordinal) || name.StartsWith("x-first-death", StringComparison.Ordinal)
                || name.StartsWith("x-last-death", StringComparison.Ordinal) || name == "x-delivery-count")
            {
                continue;
            }

            var rendered = value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                string plain => plain,
                _ => null, // tables and lists: not ours, not needed to handle the message again
            };
            if (rendered is not null)
            {
                text[name] = rendered;
            }
        }

        return text;
    }

    /// <summary>The AMQP timestamp (Unix seconds), or null when it is absent or out of range (a publisher that wrote milliseconds).</summary>
    internal static DateTimeOffset? TimestampOf(IReadOnlyBasicProperties properties) =>
        properties.IsTimestampPresent() && properties.Timestamp.UnixTime is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime)
            : null;

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store message {MessageId} in the dead letters; holding it and trying again in {Seconds} s")]
    private partial void LogStoreFailed(Exception ex, string? messageId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The handler's dead-letter hook failed for message {MessageId}")]
    private partial void LogOnDeadLetteredFailed(Exception ex, string? messageId);
}
