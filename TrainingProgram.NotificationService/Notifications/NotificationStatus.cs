using System.Text.Json.Serialization;

namespace TrainingProgram.NotificationService.Notifications;

[JsonConverter(typeof(JsonStringEnumConverter<NotificationStatus>))]
internal enum NotificationStatus
{
    /// <summary>Received, not yet sent (possibly waiting for a retry).</summary>
    Pending,

    /// <summary>The SMTP server accepted the email.</summary>
    Sent,

    /// <summary>Given up on after the last attempt; the message is in the dead-letter queue.</summary>
    Failed,
}
