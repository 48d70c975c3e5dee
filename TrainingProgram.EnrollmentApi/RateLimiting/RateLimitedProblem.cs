using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.EnrollmentApi.RateLimiting;

/// <summary>The answer to a refused request: 429 problem details with Retry-After in seconds (RFC 9110, section 10.2.3).</summary>
public static class RateLimitedProblem
{
    public const string Type = StudentReadBudget.ProblemType;

    public static ValueTask WriteAsync(OnRejectedContext context, string what, int permitsPerWindow, RateLimitOptions options)
    {
        // The token bucket says when its next permit is back; without that, one permit's share of the window.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window / permitsPerWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new ValueTask(StudentReadBudget.WriteAsync(context.HttpContext, seconds,
            $"A caller may send at most {permitsPerWindow} {what} per {StudentReadBudget.Describe(options.Window)}. " +
            $"This request was refused and changed nothing; retry after {seconds} s."));
    }
}
