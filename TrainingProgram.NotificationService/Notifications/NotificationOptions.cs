using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>The service's tunables, bound from the "Notifications" configuration section and validated at start-up.</summary>
internal sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    [Required]
    public string From { get; set; } = "TrainingProgram <no-reply@trainingprogram.example>";

    /// <summary>Right-hand side of every email's Message-Id: &lt;{eventId}@{MessageIdDomain}&gt;.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9.-]+$")]
    public string MessageIdDomain { get; set; } = "trainingprogram.example";

    /// <summary>
    /// Limit on the connect and on each read and write of an SMTP exchange (MailKit's timeout). The host's shutdown
    /// timeout is raised above it, so that a send in flight when the service stops can usually finish and be recorded
    /// (no new send starts once it is stopping).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a replica holds an event while it sends the email; another delivery of the same event waits
    /// until then. Only matters after a crash mid-send: a failed attempt releases the claim at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a settled notification (sent, failed, superseded) is kept. It is what makes a redelivered event a
    /// duplicate, so it must outlast any redelivery: the outbox keeps published events for a day.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
