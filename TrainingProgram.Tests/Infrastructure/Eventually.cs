namespace TrainingProgram.Tests.Infrastructure;

/// <summary>Polls until a condition holds, with a deadline: the suite's only way to wait for an outcome.</summary>
public static class Eventually
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>; returns that value.</summary>
    public static async Task<T> Until<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = timeout ?? TestTimeouts.Outcome;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
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
                throw new TimeoutException(
                    $"Waited {deadline.TotalSeconds:0} s for {what}; last value: {Describe(last)}" +
                    (lastError is null ? "" : $"; last error: {lastError.Message}"), lastError);
            }
        }
    }

    /// <summary>
    /// Polls <paramref name="probe"/> for the whole of <paramref name="period"/> and fails at the first value that does
    /// not satisfy <paramref name="holds"/>: for what must stay true while something that could break it gets its chance.
    /// </summary>
    public static async Task Throughout<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> holds, string what, TimeSpan period)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var end = DateTime.UtcNow + period;
        do
        {
            var value = await probe(cancellation);
            if (!holds(value))
            {
                throw new Xunit.Sdk.XunitException($"Expected {what} throughout {period.TotalSeconds:0} s; it did not hold with: {Describe(value)}");
            }

            await Task.Delay(Step * 5, cancellation);
        }
        while (DateTime.UtcNow < end);
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "none",
        System.Collections.ICollection collection => $"{collection.Count} item(s)",
        _ => value.ToString() ?? "none",
    };
}
