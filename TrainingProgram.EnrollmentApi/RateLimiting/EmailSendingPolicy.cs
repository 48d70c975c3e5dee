using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace TrainingProgram.EnrollmentApi.RateLimiting;

/// <summary>
/// The stricter budget of the endpoints that can email the student on success (POST /enrollments, DELETE
/// /enrollments/{id}, POST /waitlist/{id}/accept, DELETE /waitlist/{id}), put on them with <c>RequireRateLimiting(EmailSendingPolicy.Name)</c>. They count against
/// the write budget too (the global limiter, which runs first).
/// </summary>
public sealed class EmailSendingPolicy(IOptions<RateLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "email-sending";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) =>
        RateLimitedProblem.WriteAsync(context, "enrollments, cancellations and waitlist changes (each can send an email)", options.Value.EmailsPerWindow, options.Value);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartitions.Budget(httpContext, options.Value, options.Value.EmailsPerWindow);
}
