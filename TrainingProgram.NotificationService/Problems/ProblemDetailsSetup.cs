using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.NotificationService.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Error answers are RFC 9457 problem details in the services' house style (<see cref="HouseProblemDetails"/>).</summary>
    public static IServiceCollection AddNotificationProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = HouseProblemDetails.Apply);
}
