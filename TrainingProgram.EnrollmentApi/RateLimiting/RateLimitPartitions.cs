using System.Threading.RateLimiting;

namespace TrainingProgram.EnrollmentApi.RateLimiting;

/// <summary>Whose budget a request is counted against.</summary>
public static class RateLimitPartitions
{
    /// <summary>The key of the partitions that are not limited: reads, and registrars.</summary>
    public const string Unlimited = "unlimited";

    /// <summary>
    /// A registrar (a person or a machine client with role registrar) is not limited: null. Anyone else is counted
    /// by the token's subject (<c>sub</c>), or, without a token, by the client's address.
    /// </summary>
    public static string? Holder(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var caller = Caller.From(context.User);
            return caller.IsRegistrar ? null : "sub:" + caller.Subject;
        }

        // Behind a reverse proxy this is the proxy's address unless forwarded headers are configured for it.
        return "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>
    /// The student's own read budgets (<see cref="RateLimitOptions.ReadsPerWindow"/> and
    /// <see cref="RateLimitOptions.ReadsInFlight"/>); none for a registrar or a request without a token (the
    /// endpoints open without one are health and the API reference, which the write budget's per-address partition
    /// does not need to cover either).
    /// </summary>
    public static RateLimitPartition<string> ReadRate(HttpContext context, RateLimitOptions options) =>
        Student(context) is { } holder
            ? RateLimitPartition.GetTokenBucketLimiter(holder, _ => options.Bucket(options.ReadsPerWindow))
            : RateLimitPartition.GetNoLimiter(Unlimited);

    /// <inheritdoc cref="ReadRate"/>
    public static RateLimitPartition<string> ReadsAtOnce(HttpContext context, RateLimitOptions options) =>
        Student(context) is { } holder
            ? RateLimitPartition.GetConcurrencyLimiter(holder, _ => options.ReadsAtOnce())
            : RateLimitPartition.GetNoLimiter(Unlimited);

    private static string? Student(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? Holder(context) : null;

    /// <summary>The caller's own bucket of <paramref name="permitsPerWindow"/>, or no limit for a registrar.</summary>
    public static RateLimitPartition<string> Budget(HttpContext context, RateLimitOptions options, int permitsPerWindow) =>
        Holder(context) is { } holder
            ? RateLimitPartition.GetTokenBucketLimiter(holder, _ => options.Bucket(permitsPerWindow))
            : RateLimitPartition.GetNoLimiter(Unlimited);
}
