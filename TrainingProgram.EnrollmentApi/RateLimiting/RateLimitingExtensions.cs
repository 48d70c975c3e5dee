using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TrainingProgram.EnrollmentApi.RateLimiting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Abuse limits with ASP.NET Core's rate limiter (docs/enrollment-api.md, "Rate limits"): every write counts against
/// the caller's write budget (the global limiter), and the endpoints that send email against a stricter one as well
/// (<see cref="EmailSendingPolicy"/>). Reads and registrars are not limited.
/// </summary>
public static class RateLimitingExtensions
{
    public static IHostApplicationBuilder AddWriteRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, EmailSendingPolicy>(EmailSendingPolicy.Name);
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, budgets) =>
        {
            var options = budgets.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsRead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter(RateLimitPartitions.Unlimited)
                    : RateLimitPartitions.Budget(context, options, options.WritesPerWindow));
            limiter.OnRejected = (context, _) =>
                RateLimitedProblem.WriteAsync(context, "writes (POST and DELETE requests)", options.WritesPerWindow, options);
        });
        return builder;
    }

    /// <summary>After authentication, so that the token's subject is known, and after authorization, so that a request refused with 401 or 403 costs no budget.</summary>
    public static WebApplication UseWriteRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static bool IsRead(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
