using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace TrainingProgram.EnrollmentApi.RateLimiting;

/// <summary>The answer to a refused request: 429 problem details with Retry-After in seconds (RFC 9110, section 10.2.3).</summary>
public static class RateLimitedProblem
{
    public const string Type = ProblemTypes.Base + "rate-limited";

    public static ValueTask WriteAsync(OnRejectedContext context, string what, int permitsPerWindow, RateLimitOptions options)
    {
        // The token bucket says when its next permit is back; without that, one permit's share of the window.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window / permitsPerWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return WriteAsync(context.HttpContext, seconds,
            $"A caller may send at most {permitsPerWindow} {what} per {Describe(options.Window)}. " +
            $"This request was refused and changed nothing; retry after {seconds} s.");
    }

    /// <summary>A read refused because the caller's reads at once, and those waiting, were at their limit.</summary>
    public static ValueTask WriteInFlightAsync(OnRejectedContext context, int inFlight, int waiting) =>
        WriteAsync(context.HttpContext, 1,
            $"A caller's reads are handled {inFlight} at a time, with at most {waiting} more waiting; " +
            "this one was refused and changed nothing. Retry after 1 s, or send fewer reads at once.");

    private static async ValueTask WriteAsync(HttpContext http, int seconds, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Type = Type,
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
            },
        });
    }

    private static string Describe(TimeSpan window) =>
        window.TotalSeconds % 60 == 0
            ? window.TotalMinutes == 1 ? "minute" : $"{window.TotalMinutes:0} minutes"
            : $"{window.TotalSeconds:0.###} s";
}
