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

    /// <summary>The caller's own bucket of <paramref name="permitsPerWindow"/>, or no limit for a registrar.</summary>
    public static RateLimitPartition<string> Budget(HttpContext context, RateLimitOptions options, int permitsPerWindow) =>
        Holder(context) is { } holder
            ? RateLimitPartition.GetTokenBucketLimiter(holder, _ => options.Bucket(permitsPerWindow))
            : RateLimitPartition.GetNoLimiter(Unlimited);
}
