namespace TrainingProgram.Messaging.Consuming;

/// <summary>The message can never be handled (unreadable, refused for good): it is dead-lettered without retries.</summary>
/// <param name="reason">Short, stable name for metrics and for replaying by reason, e.g. "unreadable".</param>
public sealed class RejectMessageException(string reason, string description, Exception? innerException = null)
    : Exception(description, innerException)
{
    public string Reason { get; } = reason;
}
