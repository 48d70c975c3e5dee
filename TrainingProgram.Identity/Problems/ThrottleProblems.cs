using System.Globalization;
using TrainingProgram.Identity.SignIn.Throttling;

namespace TrainingProgram.Identity.Problems;

/// <summary>The throttle's refusals as problem details, each with the Retry-After it names.</summary>
public static class ThrottleProblems
{
    public static ProblemHttpResult TooManyAttempts(HttpResponse response, TimeSpan wait, string detail)
    {
        var seconds = RetryAfter.Seconds(wait);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            type: ProblemTypes.TooManyAttempts,
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts",
            detail: $"{detail} Try again in {seconds} s.");
    }

    public static ProblemHttpResult Busy(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = PasswordCheckLimiter.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            type: ProblemTypes.Busy,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Busy",
            detail: $"{detail} Try again in {PasswordCheckLimiter.RetryAfterSeconds} s.");
    }
}
