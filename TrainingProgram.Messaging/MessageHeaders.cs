using System.Globalization;
using System.Text;

namespace TrainingProgram.Messaging;

/// <summary>The AMQP headers the library writes, and how it reads headers back whatever type the broker returns.</summary>
public static class MessageHeaders
{
    /// <summary>The event's contract version.</summary>
    public const string EventVersion = "event-version";

    /// <summary>Who caused the event (the token's <c>sub</c>); outside the event's contract.</summary>
    public const string ActingSubject = "acting-subject";

    /// <summary>Failed attempts so far; absent on a message straight from the publisher or from a replay.</summary>
    public const string RetryAttempt = "x-retry-attempt";

    /// <summary>How many times an operator replayed the message from the dead letters.</summary>
    public const string Replays = "x-replays";

    /// <summary>Where the message first arrived: a message from a delay queue comes through the default exchange.</summary>
    public const string OriginalExchange = "x-original-exchange";
    public const string OriginalRoutingKey = "x-original-routing-key";

    public const string ContentType = "application/json";

    public static int ReadInt(IDictionary<string, object?>? headers, string name)
    {
        if (headers is null || !headers.TryGetValue(name, out var value))
        {
            return 0;
        }

        var number = value switch
        {
            int n => n,
            long n => (int)Math.Clamp(n, int.MinValue, int.MaxValue),
            short n => n,
            byte n => n,
            sbyte n => n,
            ushort n => n,
            uint n => (int)Math.Min(n, int.MaxValue),
            byte[] text when int.TryParse(Encoding.UTF8.GetString(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        return Math.Max(0, number);
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
