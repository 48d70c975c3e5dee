using TrainingProgram.Messaging.Consuming;
using TrainingProgram.NotificationService.Data;
using TrainingProgram.NotificationService.Notifications;
using TrainingProgram.NotificationService.Telemetry;

namespace TrainingProgram.NotificationService.Messaging;

internal static class EnrollmentEventConsumerExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// Consumes the enrollment events (TrainingProgram.Messaging: retries, outage holding, dead letters kept in
    /// notificationdb) and turns each into one email.
    /// </summary>
    public static IHostApplicationBuilder AddEnrollmentEventConsumer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationMetrics>();
        // Before the consumer, so that it stops after it (hosted services stop in reverse order): see NotificationWrites.
        builder.Services.AddSingleton<NotificationWrites>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NotificationWrites>());
        return builder.AddQueueConsumer<EnrollmentEventHandler, NotificationDbContext>(ConnectionName, NotificationTopology.Consumer);
    }
}
