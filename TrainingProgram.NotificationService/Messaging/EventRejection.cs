namespace TrainingProgram.NotificationService.Messaging;

/// <summary>Why a message cannot be handled at all: it is dead-lettered at once, without retries.</summary>
/// <param name="Category">Short, stable name: the dead letter's reason, and the metrics' "reason" tag.</param>
/// <param name="Description">Human-readable detail, kept with the dead letter.</param>
internal sealed record EventRejection(string Category, string Description)
{
    public const string Unreadable = "unreadable";
    public const string UnknownEventType = "unknown_event_type";
    public const string UnsupportedVersion = "unsupported_version";
    public const string Invalid = "invalid";
    public const string PermanentFailure = "permanent_failure";
}
