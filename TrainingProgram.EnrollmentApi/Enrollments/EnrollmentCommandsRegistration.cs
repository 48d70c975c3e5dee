namespace TrainingProgram.EnrollmentApi.Enrollments;

public static class EnrollmentCommandsRegistration
{
    public static IServiceCollection AddEnrollmentCommands(this IServiceCollection services) =>
        services
            .AddScoped<EnrollStudent>()
            .AddScoped<CancelEnrollment>();
}
