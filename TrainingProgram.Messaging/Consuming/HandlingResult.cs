namespace TrainingProgram.Messaging.Consuming;

/// <summary>How a handler finished with a message it did not fail on.</summary>
public sealed class HandlingResult
{
    private HandlingResult(bool retryLater, string? reason)
    {
        IsRetryLater = retryLater;
        Reason = reason;
    }

    /// <summary>Done (including "had been done before"): the message is acked.</summary>
    public static HandlingResult Handled { get; } = new(false, null);

    public bool IsRetryLater { get; }

    public string? Reason { get; }

    /// <summary>Not now, and not a failure (another delivery holds it, or an earlier message must go first).</summary>
    public static HandlingResult RetryLater(string reason) => new(true, reason);
}
