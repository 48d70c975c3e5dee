using System.Text.Json.Serialization;

namespace TrainingProgram.NotificationService.Notifications;

[JsonConverter(typeof(JsonStringEnumConverter<NotificationStatus>))]
internal enum NotificationStatus
{
    /// <summary>Received, not yet sent (possibly waiting for a retry, or for an outage to end).</summary>
    Pending,

    /// <summary>The SMTP server accepted the email.</summary>
    Sent,

    /// <summary>Given up on: refused for good, or out of attempts; the message is in the dead letters.</summary>
    Failed,

    /// <summary>
    /// A confirmation that was not sent because the enrollment's cancellation was handled before it went out: the
    /// student gets the cancellation only, never a confirmation after it.
    /// </summary>
    Superseded,
}
