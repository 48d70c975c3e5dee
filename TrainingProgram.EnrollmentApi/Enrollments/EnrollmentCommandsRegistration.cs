namespace TrainingProgram.EnrollmentApi.Enrollments;

public static class EnrollmentCommandsRegistration
{
    public static IServiceCollection AddEnrollmentCommands(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<IdempotencyRecordPurge>();
        return services
            .AddScoped<EnrollStudent>()
            .AddScoped<CancelEnrollment>()
            .AddScoped<ChangeCourse>();
    }
}
