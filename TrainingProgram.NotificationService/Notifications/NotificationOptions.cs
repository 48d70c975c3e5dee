using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>The service's tunables, bound from the "Notifications" configuration section and validated at start-up.</summary>
internal sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Unacknowledged deliveries the broker may push to this replica at once.</summary>
    [Range(1, 1000)]
    public ushort PrefetchCount { get; set; } = 64;

    /// <summary>Deliveries handled in parallel; also the number of pooled SMTP connections.</summary>
    [Range(1, 64)]
    public ushort ConsumerConcurrency { get; set; } = 16;

    /// <summary>Delivery attempts for one event before it is marked Failed and dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    [Required]
    public string From { get; set; } = "TrainingProgram <no-reply@trainingprogram.example>";

    /// <summary>Right-hand side of every email's Message-Id: &lt;{eventId}@{MessageIdDomain}&gt;.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9.-]+$")]
    public string MessageIdDomain { get; set; } = "trainingprogram.example";

    /// <summary>Limit on one SMTP connect or send.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a replica holds an event while it sends the email; another delivery of the same event waits
    /// until then. Only matters after a crash mid-send: a failed attempt releases the claim at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(1);
}
