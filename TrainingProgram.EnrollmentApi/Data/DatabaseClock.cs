namespace TrainingProgram.EnrollmentApi.Data;

/// <summary>
/// The database server's clock, for deadlines that several processes compare: each replica of the API and the
/// Notification Service (which will not send an offer past its deadline) must agree on when an offer lapses, and
/// their own clocks may not.
/// </summary>
public sealed class DatabaseClock(EnrollmentDbContext db)
{
    /// <summary>The server's time now (clock_timestamp(), not the transaction's start), to the microsecond.</summary>
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<DateTimeOffset>($"SELECT clock_timestamp() AS \"Value\"").SingleAsync(cancellationToken)).ForDatabase();
}
