namespace TrainingProgram.Messaging.Consuming;

/// <summary>Which delay queue a failed attempt waits in: 1 s, 1 s, 5 s, 5 s, then 30 s each time.</summary>
public static class RetrySchedule
{
    public static readonly RetryTier OneSecond = new("1s", TimeSpan.FromSeconds(1));
    public static readonly RetryTier FiveSeconds = new("5s", TimeSpan.FromSeconds(5));
    public static readonly RetryTier ThirtySeconds = new("30s", TimeSpan.FromSeconds(30));

    public static IReadOnlyList<RetryTier> Tiers { get; } = [OneSecond, FiveSeconds, ThirtySeconds];

    /// <summary>Where a message waits when the handler asked to look again later (not a failure).</summary>
    public static RetryTier Later => FiveSeconds;

    /// <param name="failedAttempts">Attempts that have failed so far, including the one just made (1 or more).</param>
    public static RetryTier For(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        return failedAttempts switch
        {
            <= 2 => OneSecond,
            <= 4 => FiveSeconds,
            _ => ThirtySeconds,
        };
    }
}
