namespace TrainingProgram.NotificationService.Messaging;

/// <summary>Why a message cannot be processed at all: it goes to the dead-letter queue without retries.</summary>
/// <param name="Category">Short, stable name for metrics (the "reason" tag).</param>
/// <param name="Description">Human-readable detail, sent as the x-failure-reason header.</param>
internal sealed record EventRejection(string Category, string Description)
{
    public const string Unreadable = "unreadable";
    public const string UnknownEventType = "unknown_event_type";
    public const string UnsupportedVersion = "unsupported_version";
    public const string Invalid = "invalid";
    public const string PermanentFailure = "permanent_failure";
    public const string AttemptsExhausted = "attempts_exhausted";
}
