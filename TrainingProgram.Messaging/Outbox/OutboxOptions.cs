using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Messaging.Outbox;

/// <summary>Settings of the outbox relay and purge, section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Rows locked and published per database transaction.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How often the relay looks for pending rows when no commit woke it (other replicas, failed rows).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a publish (including the broker's confirm) may take before the batch is given up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a row the broker returns as unroutable (no queue bound: a consumer that has not declared its queue
    /// yet, or a routing key nobody subscribes to) is retried, from the first return, before the relay gives up on it, logs an error and
    /// counts it in <c>trainingprogram.outbox.given_up</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan UnroutableGiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long published rows are kept (for diagnosis) before they are purged.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement by the purge, so that it never holds locks on a large table for long.</summary>
    [Range(1, 100_000)]
    public int PurgeBatchSize { get; set; } = 1000;
}
