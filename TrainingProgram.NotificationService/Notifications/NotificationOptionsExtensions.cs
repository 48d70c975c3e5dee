using Microsoft.Extensions.Options;

namespace TrainingProgram.NotificationService.Notifications;

internal static class NotificationOptionsExtensions
{
    public static IHostApplicationBuilder AddNotificationOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().PostConfigure<IOptions<NotificationOptions>>((host, notifications) =>
        {
            // Room for a send in flight and its Sent update; 8 s + 1 s by default, inside the ~12 s the orchestrator waits.
            var needed = notifications.Value.SmtpTimeout + TimeSpan.FromSeconds(1);
            host.ShutdownTimeout = needed > host.ShutdownTimeout ? needed : host.ShutdownTimeout;
        });
        builder.Services.AddHostedService<SettledNotificationPurge>();
        return builder;
    }
}
