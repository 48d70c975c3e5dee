using System.Globalization;
using System.Text;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>The headers this service adds when it re-publishes a message, and how it reads them back.</summary>
internal static class MessageHeaders
{
    /// <summary>Failed attempts so far; absent on a message straight from the publisher.</summary>
    public const string RetryAttempt = "x-retry-attempt";

    public const string FailureReason = "x-failure-reason";
    public const string FailedAt = "x-failed-at";

    /// <summary>Where the message first arrived, so an operator can re-drive it from the dead-letter queue.</summary>
    public const string OriginalExchange = "x-original-exchange";
    public const string OriginalRoutingKey = "x-original-routing-key";

    public static int ReadRetryAttempt(IDictionary<string, object?>? headers)
    {
        if (headers is null || !headers.TryGetValue(RetryAttempt, out var value))
        {
            return 0;
        }

        var attempt = value switch
        {
            int number => number,
            long number => (int)Math.Min(number, int.MaxValue),
            short number => number,
            byte number => number,
            byte[] text when int.TryParse(Encoding.UTF8.GetString(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        return Math.Max(0, attempt);
    }

    public static string? ReadString(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            }
            : null;
}
