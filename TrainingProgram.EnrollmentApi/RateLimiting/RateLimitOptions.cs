using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace TrainingProgram.EnrollmentApi.RateLimiting;

/// <summary>The abuse limits of one caller, section "RateLimits" (docs/enrollment-api.md, "Rate limits").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>The period each budget is counted over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Writes (POST, PUT, PATCH, DELETE) per caller per window.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerWindow { get; set; } = 30;

    /// <summary>Requests that send the student an email (enrolling, cancelling) per caller per window.</summary>
    [Range(1, 1_000_000)]
    public int EmailsPerWindow { get; set; } = 10;

    /// <summary>Reads (GET, HEAD) per student per window: generous, a safeguard against scripts, not against use.</summary>
    [Range(1, 1_000_000)]
    public int ReadsPerWindow { get; set; } = 600;

    /// <summary>
    /// Reads of one student handled at once; up to four times as many more wait their turn, and beyond that a read is
    /// refused. Each read holds a database connection while it runs: this keeps one token from holding the pool.
    /// </summary>
    [Range(1, 1_000)]
    public int ReadsInFlight { get; set; } = 4;

    /// <summary>
    /// A token bucket that holds <paramref name="permitsPerWindow"/> permits and gets them back one at a time,
    /// evenly over the window: a burst of the whole budget is allowed, and a refused caller is told (Retry-After)
    /// when the next permit is back rather than when the window ends.
    /// </summary>
    public TokenBucketRateLimiterOptions Bucket(int permitsPerWindow) => new()
    {
        TokenLimit = permitsPerWindow,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = Window / permitsPerWindow,
        QueueLimit = 0,
        // The partitioned limiter replenishes every partition from one timer of its own.
        AutoReplenishment = false,
    };

    /// <summary><see cref="ReadsInFlight"/> at once, four times as many waiting in arrival order.</summary>
    public ConcurrencyLimiterOptions ReadsAtOnce() => new()
    {
        PermitLimit = ReadsInFlight,
        QueueLimit = ReadsInFlight * 4,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };
}
