using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.Identity.Problems;

/// <summary>
/// A body that is not JSON of the expected shape, or a form without a valid antiforgery token: 400, saying what could
/// not be read. A body over the size limit is 413 wherever it was found out: the antiforgery check reads the login form
/// first and reports any failure to read it, this one included, as an invalid token.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (TooLarge(exception) is { } tooLarge)
        {
            httpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            var problem = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge };
            RequestBodyLimit.DescribeTooLarge(problem);
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = tooLarge, ProblemDetails = problem });
        }

        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Type = ProblemTypes.MalformedRequest,
                Status = badRequest.StatusCode,
                Title = "Malformed request",
                Detail = badRequest.Message,
            },
        });
    }

    private static BadHttpRequestException? TooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge)
            {
                return tooLarge;
            }
        }

        return null;
    }
}
