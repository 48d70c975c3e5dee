using System.Text.Json;
using Microsoft.AspNetCore;
using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.Identity.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Every error answer is RFC 9457 problem details with the request path as instance, as in the Enrollment API.</summary>
    public static IServiceCollection AddIdentityProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            HouseProblemDetails.Apply(context);
            if (problem is HttpValidationProblemDetails validation)
            {
                UseJsonNames(validation.Errors);
            }
            else if (context.HttpContext.GetOpenIddictServerResponse() is { Error: { } error } refusal)
            {
                // An OpenID Connect request OpenIddict refused without a redirect URI it may trust: say why, in its terms.
                problem.Detail = refusal.ErrorDescription;
                problem.Extensions["error"] = error;
            }
            else if (problem.Status == StatusCodes.Status500InternalServerError)
            {
                problem.Type = ProblemTypes.Unexpected;
                problem.Detail = "The request failed unexpectedly; it may be retried. The server log has the details.";
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Malformed JSON and unbindable values become exceptions in every environment, answered by the handler above.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Unhandled exceptions and empty error answers (401, 403, unknown route) become problem details.</summary>
    public static WebApplication UseIdentityProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Validation reports member names ("StudentNumber"); clients know the JSON names ("studentNumber").</summary>
    private static void UseJsonNames(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var jsonName = JsonNamingPolicy.CamelCase.ConvertName(key);
            if (jsonName != key)
            {
                errors[jsonName] = errors.TryGetValue(jsonName, out var existing) ? [.. existing, .. errors[key]] : errors[key];
                errors.Remove(key);
            }
        }
    }
}
