namespace TrainingProgram.Benchmarks;

/// <summary>Percentiles of a set of durations, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IReadOnlyCollection<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            return new(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        return new(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => $"p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms (n={Count})";
}
