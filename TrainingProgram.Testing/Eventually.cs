namespace TrainingProgram.Testing;

/// <summary>Polls until a condition holds, with a deadline: the way to wait for an outcome, never a sleep.</summary>
public static class Eventually
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>, and returns that
    /// value. An exception from the probe counts as "not yet"; the last one is reported if the deadline passes.
    /// </summary>
    /// <param name="probe">Reads the current state; gets a token that ends at the deadline.</param>
    /// <param name="done">Whether the state read is the one waited for.</param>
    /// <param name="what">What is waited for, for the failure message.</param>
    /// <param name="timeout">The deadline; <see cref="TopologyTimeouts.Outcome"/> of the defaults when null.</param>
    /// <param name="diagnostics">More to say when the deadline passes, e.g. <see cref="ResourceLogs.Describe"/>.</param>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    public static async Task<T> Until<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = timeout ?? TopologyTimeouts.Default.Outcome;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation.Current);
        cts.CancelAfter(deadline);
        T last = default!;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe(cts.Token);
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (!cts.IsCancellationRequested)
            {
                lastError = ex;
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
            }

            try
            {
                await Task.Delay(Step, cts.Token);
            }
            catch (OperationCanceledException)
            {
                TestCancellation.Current.ThrowIfCancellationRequested();
                throw new TimeoutException(
                    $"Waited {deadline.TotalSeconds:0.#} s for {what}; last value: {Describe(last)}" +
                    (lastError is null ? "" : $"; last error: {lastError.Message}") +
                    (diagnostics is null ? "" : "\n" + diagnostics()), lastError);
            }
        }
    }

    /// <summary>
    /// Polls <paramref name="probe"/> for the whole of <paramref name="period"/> and fails at the first value that does
    /// not satisfy <paramref name="holds"/>: for what must stay true while something that could break it gets its chance.
    /// </summary>
    /// <exception cref="TopologyExpectationException">A value read did not satisfy <paramref name="holds"/>.</exception>
    public static async Task Throughout<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> holds, string what, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(holds);
        var cancellation = TestCancellation.Current;
        var end = DateTime.UtcNow + period;
        while (true)
        {
            var value = await probe(cancellation);
            if (!holds(value))
            {
                throw new TopologyExpectationException($"Expected {what} throughout {period.TotalSeconds:0.#} s; it did not hold with: {Describe(value)}");
            }

            // The last read is at the end of the period itself, so nothing that comes late within it is missed.
            var left = end - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < Step * 5 ? left : Step * 5, cancellation);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "none",
        System.Collections.ICollection collection => $"{collection.Count} item(s)",
        _ => value.ToString() ?? "none",
    };
}
