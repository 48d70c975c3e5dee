using System.Globalization;

namespace TrainingProgram.Soak;

/// <summary>Command line: --minutes N (30) --rate R (5 enrollments/s, plus cancellations) --seed S (random) --output DIR (docs).</summary>
public sealed record SoakSettings(TimeSpan Duration, double EnrollmentsPerSecond, int Seed, string OutputDirectory)
{
    public static SoakSettings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var settings = new SoakSettings(
            TimeSpan.FromMinutes(double.Parse(Value("--minutes") ?? "30", CultureInfo.InvariantCulture)),
            double.Parse(Value("--rate") ?? "5", CultureInfo.InvariantCulture),
            Value("--seed") is { } seed ? int.Parse(seed, CultureInfo.InvariantCulture) : Random.Shared.Next(1, 1_000_000),
            Value("--output") ?? "docs");
        if (settings.Duration < TimeSpan.FromMinutes(1) || settings.EnrollmentsPerSecond is <= 0 or > 100)
        {
            throw new ArgumentException("--minutes must be at least 1 and --rate between 0 and 100.");
        }

        return settings;
    }

    /// <summary>How many enrollments the run will try to make: each uses a (student, course) pair no other uses.</summary>
    public int EnrollmentAttempts => (int)Math.Ceiling(Duration.TotalSeconds * EnrollmentsPerSecond);

    /// <summary>Enrollments and cancellations together.</summary>
    public double RequestsPerSecond => EnrollmentsPerSecond / EnrollmentTraffic.EnrollShare;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Duration.TotalMinutes:0.#} min at {EnrollmentsPerSecond:0.#} enrollments/s and {RequestsPerSecond - EnrollmentsPerSecond:0.#} cancellations/s, seed {Seed}");
}
