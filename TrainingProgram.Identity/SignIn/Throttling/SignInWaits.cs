namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// How long a source must wait before its next attempt on a subject. Waits only ever delay: no count of failures
/// makes an account unusable, and a source the account signed in from before is not held back by the failures of
/// other sources.
/// </summary>
public static class SignInWaits
{
    /// <param name="pair">This subject from this source.</param>
    /// <param name="subject">This subject from every source.</param>
    /// <param name="source">Every subject from this source.</param>
    /// <param name="knownSource">The source proved a sign-in to this subject before (a device cookie).</param>
    /// <returns>The time left to wait, or null when the attempt may go ahead now.</returns>
    public static TimeSpan? Remaining(
        SignInFailures? pair, SignInFailures? subject, SignInFailures? source, DateTimeOffset now, SignInThrottleOptions options, bool knownSource = false)
    {
        DateTimeOffset?[] until =
        [
            GrowingDelayEnd(Remembered(pair, now, options), options.FreeFailuresPerAccountAndSource, options),
            GrowingDelayEnd(Remembered(source, now, options), options.FreeFailuresPerSource, options),
            subject is { LastFailureAt: { } last } && subject.Failures >= options.AccountFailureBound && !knownSource && pair?.LastSuccessAt is null
                ? last + options.AccountBoundDelay
                : null,
        ];
        var latest = until.Max();
        return latest > now ? latest - now : null;
    }

    /// <summary>No wait for the free failures; then the first delay, doubled at each further failure, up to the maximum.</summary>
    public static TimeSpan Delay(int failures, int free, SignInThrottleOptions options)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 20);
        var delay = options.FirstDelay * Math.Pow(2, doublings);
        return delay < options.MaxDelay ? delay : options.MaxDelay;
    }

    /// <summary>A source's count, unless it has been quiet for <see cref="SignInThrottleOptions.ForgetSourceFailuresAfter"/>.</summary>
    public static SignInFailures? Remembered(SignInFailures? failures, DateTimeOffset now, SignInThrottleOptions options) =>
        failures is { LastFailureAt: { } last } && now - last >= options.ForgetSourceFailuresAfter ? null : failures;

    private static DateTimeOffset? GrowingDelayEnd(SignInFailures? failures, int free, SignInThrottleOptions options) =>
        failures is { LastFailureAt: { } last } && failures.Failures >= free ? last + Delay(failures.Failures, free, options) : null;
}
