using System.Globalization;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// Which delay queue a message waits in: after its n-th failed attempt, the n-th of the attempt delays (the last one
/// repeating: 1 s, 1 s, 5 s, 5 s, then 30 s each time by default); when its handler asked to look again later,
/// <see cref="Later"/>; when it was held through an outage for as long as allowed, <see cref="Park"/>. Each distinct
/// delay is one delay queue, named after it ("1s", "30s", "250ms").
/// </summary>
public sealed class RetrySchedule
{
    private readonly RetryTier[] _afterFailure;

    public RetrySchedule(IReadOnlyList<TimeSpan> attemptDelays, TimeSpan later, TimeSpan park)
    {
        ArgumentOutOfRangeException.ThrowIfZero(attemptDelays.Count, nameof(attemptDelays));
        _afterFailure = [.. attemptDelays.Select(TierFor)];
        Later = TierFor(later);
        Park = TierFor(park);
        Tiers = [.. _afterFailure.Append(Later).Append(Park).DistinctBy(tier => tier.Delay).OrderBy(tier => tier.Delay)];
    }

    /// <summary>The defaults of <see cref="ConsumerOptions"/>.</summary>
    public static RetrySchedule Default { get; } = From(new ConsumerOptions());

    /// <summary>Every delay queue the schedule uses, shortest first.</summary>
    public IReadOnlyList<RetryTier> Tiers { get; }

    /// <summary>Where a message waits when the handler asked to look again later (not a failure).</summary>
    public RetryTier Later { get; }

    /// <summary>Where a delivery held through an outage for <see cref="ConsumerOptions.LongestHold"/> waits before it is tried again.</summary>
    public RetryTier Park { get; }

    /// <summary>The time a message that fails <paramref name="attempts"/> times in a row spends in delay queues.</summary>
    public TimeSpan TotalDelay(int attempts) =>
        TimeSpan.FromTicks(Enumerable.Range(1, Math.Max(0, attempts - 1)).Sum(failed => For(failed).Delay.Ticks));

    public static RetrySchedule From(ConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(ConsumerOptions.ParseDelays(options.RetryDelays), options.RetryLaterDelay, options.ParkDelay);
    }

    /// <param name="failedAttempts">Attempts that have failed so far, including the one just made (1 or more).</param>
    public RetryTier For(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        return _afterFailure[Math.Min(failedAttempts, _afterFailure.Length) - 1];
    }

    private static RetryTier TierFor(TimeSpan delay) => new(NameOf(delay), delay);

    private static string NameOf(TimeSpan delay) => delay.Milliseconds == 0 && delay.Microseconds == 0 && delay.Nanoseconds == 0
        ? ((long)delay.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
        : ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
