namespace TrainingProgram.EnrollmentApi.Data;

public static class DatabaseTime
{
    /// <summary>
    /// Now, in UTC, cut to the microsecond that PostgreSQL's timestamptz keeps, so that what a request
    /// returns equals what a later read of the same row returns.
    /// </summary>
    public static DateTimeOffset GetUtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
