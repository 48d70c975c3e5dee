using System.Globalization;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Command line: --duration SECONDS --concurrency 1,8,32 --backlog N --smtp-connections N --output DIR; or, logged
/// with no report, for trying a change: --drain-only (the backlog drain into the sink beside the floor's) or
/// --open-loop-only RATE (enrollments at a fixed rate, with the end-to-end split).
/// </summary>
public sealed record BenchmarkSettings(
    TimeSpan PhaseDuration, int[] Concurrencies, int Backlog, int SmtpConnections, string OutputDirectory, bool DrainOnly, double? OpenLoopOnly)
{
    public const int Courses = 100;

    /// <summary>Enough (student, course) pairs that no pair is ever used twice in a run.</summary>
    public const int Students = 800;

    public static BenchmarkSettings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new(
            TimeSpan.FromSeconds(double.Parse(Value("--duration") ?? "10", CultureInfo.InvariantCulture)),
            [.. (Value("--concurrency") ?? "1,8,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            int.Parse(Value("--backlog") ?? "10000", CultureInfo.InvariantCulture),
            int.Parse(Value("--smtp-connections") ?? "8", CultureInfo.InvariantCulture),
            Value("--output") ?? "docs",
            args.Contains("--drain-only"),
            args.Contains("--open-loop-only") ? OpenLoopRate(Value("--open-loop-only")) : null);
    }

    private static double OpenLoopRate(string? value) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate)
            ? rate
            : throw new ArgumentException($"--open-loop-only needs a rate in enrollments per second above 0, not '{value}'");
}
