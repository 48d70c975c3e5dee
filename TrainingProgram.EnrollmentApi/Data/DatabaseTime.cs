namespace TrainingProgram.EnrollmentApi.Data;

/// <summary>
/// PostgreSQL's timestamptz keeps microseconds, .NET keeps 100 ns ticks: times are cut to the microsecond
/// before they are stored, so that what a request returns equals what a later read of the same row returns.
/// </summary>
public static class DatabaseTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Now, in UTC, to the microsecond.</summary>
    public static DateTimeOffset GetUtcNowForDatabase(this TimeProvider clock) => clock.GetUtcNow().ForDatabase();

    /// <summary>The same instant in UTC, to the microsecond.</summary>
    public static DateTimeOffset ForDatabase(this DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TicksPerMicrosecond));
    }
}
