using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace TrainingProgram.ServiceDefaults.Http;

/// <summary>
/// Bodies over <see cref="Microsoft.Extensions.Hosting.Extensions.MaxRequestBodySize"/> get their 413 problem reliably,
/// megabytes included. Kestrel's own limit refuses such a body by closing the connection while the client is still uploading, so the client usually
/// sees "connection reset" instead of the answer. Here the limit is enforced by the body stream instead: the read that
/// would pass it throws the same 413 <see cref="BadHttpRequestException"/>, the answer is written, and Kestrel then
/// reads and discards the rest of the upload before the connection is reused (for at most its 5 s drain timeout and
/// <see cref="DrainLimit"/>, then it closes the connection as before).
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>The most Kestrel reads of one request's body, the discarded rest included: past it, it resets the connection.</summary>
    public const long DrainLimit = 8 * 1024 * 1024;

    /// <summary>The <c>type</c> of the 413 problem.</summary>
    public const string ProblemType = ProblemResponses.TypeBase + "request-too-large";

    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false, MaxRequestBodySize: { } maxBytes }
                && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            {
                limit.MaxRequestBodySize = Math.Max(maxBytes, DrainLimit);
                http.Request.Body = new SizeLimitedRequestStream(http.Request.Body, maxBytes, http.Request.ContentLength);
            }

            await next(http);
        });
        return app;
    }

    /// <summary>What every service's 413 problem says.</summary>
    public static void DescribeTooLarge(ProblemDetails problem)
    {
        problem.Type = ProblemType;
        problem.Title = "Request body too large";
        problem.Detail = $"A request body may be at most {Microsoft.Extensions.Hosting.Extensions.MaxRequestBodySize / 1024} KiB; this one was not processed.";
    }
}
