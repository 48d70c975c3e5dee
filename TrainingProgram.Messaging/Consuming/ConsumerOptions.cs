using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>Settings of a queue consumer, section "Consumer".</summary>
public sealed class ConsumerOptions
{
    public const string Section = "Consumer";

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
}
