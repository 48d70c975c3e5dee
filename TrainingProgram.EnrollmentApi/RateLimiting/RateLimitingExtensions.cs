using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TrainingProgram.EnrollmentApi.RateLimiting;
using TrainingProgram.ServiceDefaults.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Abuse limits with ASP.NET Core's rate limiter (docs/enrollment-api.md, "Rate limits"): every write counts against
/// the caller's write budget, every read of a student against their read budgets (the global limiters), and the
/// endpoints that send email against a stricter one as well (<see cref="EmailSendingPolicy"/>). Registrars are not
/// limited.
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
            var unlimited = RateLimitPartition.GetNoLimiter(RateLimitPartitions.Unlimited);
            var writes = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                StudentReadBudget.IsRead(context.Request.Method) ? unlimited : RateLimitPartitions.Budget(context, options, options.WritesPerWindow));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained([writes, .. StudentReadBudget.Limiters(options)]);
            limiter.OnRejected = (context, _) => StudentReadBudget.IsRead(context.HttpContext.Request.Method)
                ? new ValueTask(StudentReadBudget.WriteRefusedAsync(context, options))
                : RateLimitedProblem.WriteAsync(context, "writes (POST and DELETE requests)", options.WritesPerWindow, options);
        });
        return builder;
    }

    /// <summary>After authentication, so that the token's subject is known, and after authorization, so that a request refused with 401 or 403 costs no budget.</summary>
    public static WebApplication UseWriteRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

}
