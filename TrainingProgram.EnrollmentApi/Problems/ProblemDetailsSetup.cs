using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.EnrollmentApi.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Every error answer is RFC 9457 problem details with one of <see cref="ProblemTypes"/> and the request path as instance.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            HouseProblemDetails.Apply(context);
            if (problem is HttpValidationProblemDetails validation)
            {
                ValidationErrorKeys.UseJsonNames(validation.Errors);
            }
            else if (problem.Status == StatusCodes.Status500InternalServerError)
            {
                problem.Type = ProblemTypes.Unexpected;
                problem.Detail = "The request failed unexpectedly; it may be retried. The server log has the details.";
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Malformed JSON and unbindable parameters become exceptions in every environment (not only in
        // Development), so BadRequestExceptionHandler answers them the same way everywhere.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Unhandled exceptions and empty error answers (unknown route, wrong method) become problem details.</summary>
    public static WebApplication UseApiProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
