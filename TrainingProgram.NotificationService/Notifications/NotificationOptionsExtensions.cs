namespace TrainingProgram.NotificationService.Notifications;

internal static class NotificationOptionsExtensions
{
    public static IHostApplicationBuilder AddNotificationOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<SettledNotificationPurge>();
        return builder;
    }
}
