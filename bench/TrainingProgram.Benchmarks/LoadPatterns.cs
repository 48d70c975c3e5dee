using System.Collections.Concurrent;
using System.Diagnostics;

namespace TrainingProgram.Benchmarks;

public sealed record LoadResult<T>(IReadOnlyList<T> Samples, TimeSpan Elapsed)
{
    public double PerSecond => Samples.Count / Elapsed.TotalSeconds;
}

public static class LoadPatterns
{
    /// <summary>Closed loop: <paramref name="concurrency"/> workers, each starting its next operation when the last one ends.</summary>
    public static async Task<LoadResult<T>> ClosedLoopAsync<T>(int concurrency, TimeSpan duration, Func<CancellationToken, Task<T>> operation)
    {
        var samples = new ConcurrentBag<T>();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration)
            {
                samples.Add(await operation(CancellationToken.None));
            }
        })));
        return new([.. samples], stopwatch.Elapsed);
    }

    /// <summary>
    /// Open loop: operations start at a fixed rate whether or not earlier ones finished, so a slow system
    /// shows as latency instead of quietly lowering the load.
    /// </summary>
    public static async Task<LoadResult<T>> OpenLoopAsync<T>(double perSecond, TimeSpan duration, Func<CancellationToken, Task<T>> operation)
    {
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var count = (int)(duration.TotalSeconds * perSecond);
        var running = new List<Task<T>>(count);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            // Read once: read twice, the clock can pass the due time between the check and the wait.
            var wait = interval * i - stopwatch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            running.Add(Task.Run(() => operation(CancellationToken.None)));
        }

        var samples = await Task.WhenAll(running);
        return new(samples, stopwatch.Elapsed);
    }
}
