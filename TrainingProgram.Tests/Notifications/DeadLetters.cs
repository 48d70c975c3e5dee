using System.Text;
using RabbitMQ.Client;

namespace TrainingProgram.Tests.Notifications;

public sealed record DeadLetter(string? MessageId, string? Type, string Body, IReadOnlyDictionary<string, string?> Headers);

/// <summary>Reads the Notification Service's dead-letter queue without consuming it.</summary>
public static class DeadLetters
{
    public const string Name = "notification-service.enrollments.dead-letter";

    /// <summary>Every message in the queue; none is acked, so closing the channel puts them all back.</summary>
    public static async Task<IReadOnlyList<DeadLetter>> PeekAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var letters = new List<DeadLetter>();
        while (await channel.BasicGetAsync(Name, autoAck: false, cancellationToken) is { } message)
        {
            var headers = (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(header => header.Key, header => header.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : header.Value?.ToString());
            letters.Add(new DeadLetter(message.BasicProperties.MessageId, message.BasicProperties.Type,
                Encoding.UTF8.GetString(message.Body.Span), headers));
        }

        await channel.CloseAsync(cancellationToken);
        return letters;
    }
}
