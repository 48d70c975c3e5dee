using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TrainingProgram.ServiceDefaults.Http;

/// <summary>A student's read budgets, section "RateLimits" (docs/enrollment-api.md, "Rate limits").</summary>
public class ReadBudgetOptions
{
    public const string Section = "RateLimits";

    /// <summary>The period each budget is counted over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads (GET, HEAD) per student per window: generous, a safeguard against scripts, not against use.</summary>
    [Range(1, 1_000_000)]
    public int ReadsPerWindow { get; set; } = 600;

    /// <summary>
    /// Reads of one student handled at once; up to four times as many more wait their turn, and beyond that a read is
    /// refused. Each read holds a database connection while it runs: this keeps one token from holding the pool.
    /// </summary>
    [Range(1, 1_000)]
    public int ReadsInFlight { get; set; } = 4;

    /// <summary>How many of a student's reads may wait for one of the <see cref="ReadsInFlight"/>.</summary>
    public int ReadsWaiting => ReadsInFlight * 4;

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
}

/// <summary>
/// The read budgets of a signed-in student (role <c>student</c>), by the token's subject: <see cref="ReadBudgetOptions.ReadsPerWindow"/>
/// and <see cref="ReadBudgetOptions.ReadsInFlight"/>. Registrars, and requests without a token (health, the API
/// reference), are not limited; writes are not counted here.
/// </summary>
public static class StudentReadBudget
{
    public const string ProblemType = ProblemResponses.TypeBase + "rate-limited";

    private const string Unlimited = "unlimited";

    /// <summary>The two limiters a read passes, in order: the rate, then the reads at once.</summary>
    public static PartitionedRateLimiter<HttpContext>[] Limiters(ReadBudgetOptions options) =>
    [
        PartitionedRateLimiter.Create<HttpContext, string>(context => StudentReading(context) is { } student
            ? RateLimitPartition.GetTokenBucketLimiter(student, _ => options.Bucket(options.ReadsPerWindow))
            : RateLimitPartition.GetNoLimiter(Unlimited)),
        PartitionedRateLimiter.Create<HttpContext, string>(context => StudentReading(context) is { } student
            ? RateLimitPartition.GetConcurrencyLimiter(student, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = options.ReadsInFlight,
                QueueLimit = options.ReadsWaiting,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter(Unlimited)),
    ];

    /// <summary>The 429 problem for a read one of <see cref="Limiters"/> refused, with Retry-After.</summary>
    public static Task WriteRefusedAsync(OnRejectedContext context, ReadBudgetOptions options)
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            return WriteAsync(context.HttpContext, seconds,
                $"A caller may send at most {options.ReadsPerWindow} reads (GET requests) per {Describe(options.Window)}. " +
                $"This request was refused and changed nothing; retry after {seconds} s.");
        }

        return WriteAsync(context.HttpContext, 1,
            $"A caller's reads are handled {options.ReadsInFlight} at a time, with at most {options.ReadsWaiting} more waiting; " +
            "this one was refused and changed nothing. Retry after 1 s, or send fewer reads at once.");
    }

    /// <summary>A 429 problem with Retry-After in seconds (RFC 9110, section 10.2.3).</summary>
    public static Task WriteAsync(HttpContext http, int retryAfterSeconds, string detail)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ProblemResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests", detail);
    }

    /// <summary>For a service whose only limits are these: the rate limiter with the read budgets as its global limiter.</summary>
    public static IHostApplicationBuilder AddStudentReadBudget(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReadBudgetOptions>().BindConfiguration(ReadBudgetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ReadBudgetOptions>>((limiter, budgets) =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(Limiters(budgets.Value));
            limiter.OnRejected = (context, _) => new ValueTask(WriteRefusedAsync(context, budgets.Value));
        });
        return builder;
    }

    /// <summary>After authentication and authorization, so that the caller is known and a refused request costs nothing.</summary>
    public static WebApplication UseStudentReadBudget(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    public static bool IsRead(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    public static string Describe(TimeSpan window) =>
        window.TotalSeconds % 60 == 0
            ? window.TotalMinutes == 1 ? "minute" : $"{window.TotalMinutes:0} minutes"
            : $"{window.TotalSeconds:0.###} s";

    private static string? StudentReading(HttpContext context) =>
        IsRead(context.Request.Method) && context.User.Identity?.IsAuthenticated == true && context.User.IsInRole("student")
            ? "sub:" + (context.User.FindFirstValue("sub") ?? context.User.FindFirstValue("client_id") ?? "unknown")
            : null;
}
