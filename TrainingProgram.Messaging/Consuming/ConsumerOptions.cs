using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>Settings of a queue consumer, section "Consumer".</summary>
public sealed class ConsumerOptions : IValidatableObject
{
    public const string Section = "Consumer";

    /// <summary>The shortest delay a delay queue may have; RabbitMQ's TTL is in whole milliseconds.</summary>
    private static readonly TimeSpan ShortestDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Unacknowledged deliveries the broker may push to this replica at once (and so the most held in an outage).</summary>
    [Range(1, 1000)]
    public ushort PrefetchCount { get; set; } = 64;

    /// <summary>Deliveries handled in parallel.</summary>
    [Range(1, 64)]
    public ushort Concurrency { get; set; } = 16;

    /// <summary>Failed attempts of one message (its own fault, not an outage) before it is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The longest wait between two probes of a dependency that is down (they start at 1 s and double).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan OutageProbeMaxInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The waits after each failed attempt, comma-separated (TimeSpan "c" format): the n-th failure waits the n-th,
    /// the last one repeating. A string rather than a list, because configuration binding appends to a default list.
    /// </summary>
    public string RetryDelays { get; set; } = "00:00:01, 00:00:01, 00:00:05, 00:00:05, 00:00:30";

    /// <summary>How long a message waits when its handler asked to look again later (not a failure).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RetryLaterDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a delivery held through an outage for <see cref="LongestHold"/> waits in a delay queue before it is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ParkDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a delivery is held in memory during an outage before it is parked in a delay queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LongestHold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The delays of <paramref name="delays"/> (see <see cref="RetryDelays"/>).</summary>
    /// <exception cref="FormatException">One is not a TimeSpan, or none is given.</exception>
    public static IReadOnlyList<TimeSpan> ParseDelays(string delays)
    {
        ArgumentNullException.ThrowIfNull(delays);
        TimeSpan[] parsed = [.. delays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(delay => TimeSpan.ParseExact(delay, "c", CultureInfo.InvariantCulture))];
        return parsed.Length > 0 ? parsed : throw new FormatException("No delay is given.");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        IReadOnlyList<TimeSpan> delays;
        try
        {
            delays = ParseDelays(RetryDelays);
        }
        catch (FormatException ex)
        {
            return [new ValidationResult($"RetryDelays '{RetryDelays}' is not a comma-separated list of TimeSpans (e.g. 00:00:01, 00:00:30): {ex.Message}", [nameof(RetryDelays)])];
        }

        return delays.Any(delay => delay < ShortestDelay || delay > TimeSpan.FromHours(1) || delay.Ticks % TimeSpan.TicksPerMillisecond != 0)
            ? [new ValidationResult($"Each of RetryDelays must be whole milliseconds from {ShortestDelay.TotalMilliseconds} ms to 1 hour.", [nameof(RetryDelays)])]
            : [];
    }
}
