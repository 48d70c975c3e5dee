using System.Text.Json.Serialization;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>Which event a notification answers; named after the event type.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
internal enum NotificationKind
{
    EnrollmentCreated,
    EnrollmentCancelled,
}
