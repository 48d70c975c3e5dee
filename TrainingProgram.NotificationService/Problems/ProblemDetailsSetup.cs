using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.NotificationService.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Error answers are RFC 9457 problem details; a body over the services' limit says so as the other services do.</summary>
    public static IServiceCollection AddNotificationProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                RequestBodyLimit.DescribeTooLarge(context.ProblemDetails);
            }
        });
}
