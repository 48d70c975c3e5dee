using System.Text.Json.Serialization;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>Which event a notification answers; named after the event type.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
internal enum NotificationKind
{
    EnrollmentCreated,
    EnrollmentCancelled,
    WaitlistOfferMade,
    WaitlistOfferLapsed,
}

/// <summary>
/// Each subject's emails come in an opening and a closing kind (a confirmation and its cancellation, an offer and its
/// lapse); the closing one never goes out before the opening one, and an opening one not yet sent when its closing
/// one is handled is superseded.
/// </summary>
internal static class NotificationKinds
{
    public static bool IsClosing(this NotificationKind kind) =>
        kind is NotificationKind.EnrollmentCancelled or NotificationKind.WaitlistOfferLapsed;

    public static (NotificationKind Opening, NotificationKind Closing) Pair(this NotificationKind kind) =>
        kind is NotificationKind.WaitlistOfferMade or NotificationKind.WaitlistOfferLapsed
            ? (NotificationKind.WaitlistOfferMade, NotificationKind.WaitlistOfferLapsed)
            : (NotificationKind.EnrollmentCreated, NotificationKind.EnrollmentCancelled);

    public static bool IsAboutWaitlist(this NotificationKind kind) => kind.Pair().Opening == NotificationKind.WaitlistOfferMade;
}
