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
            // Room for a send in flight and its Sent update: 4 s + 1 s by default, the services' usual 5 s. The orchestrator
            // waits ~12 s for a process to stop; the 9 s tried before left too little room under load (stop failures).
            var needed = notifications.Value.SmtpTimeout + TimeSpan.FromSeconds(1);
            host.ShutdownTimeout = needed > host.ShutdownTimeout ? needed : host.ShutdownTimeout;
        });
        builder.Services.AddHostedService<SettledNotificationPurge>();
        return builder;
    }
}
