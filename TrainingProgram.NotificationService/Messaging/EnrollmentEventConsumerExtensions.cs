using TrainingProgram.NotificationService.Telemetry;

namespace TrainingProgram.NotificationService.Messaging;

internal static class EnrollmentEventConsumerExtensions
{
    public const string ConnectionName = "messaging";

    public static IHostApplicationBuilder AddEnrollmentEventConsumer(this IHostApplicationBuilder builder)
    {
        // One long-lived IConnection with automatic (and topology) recovery, plus its health check. The client's own
        // tracing is off: its consumer span only links to the producer (a new trace per message) and its publisher
        // instrumentation would overwrite the traceparent of messages we re-publish. Our process span replaces it.
        builder.AddRabbitMQClient(ConnectionName, settings => settings.DisableTracing = true);

        builder.Services.AddSingleton<NotificationMetrics>();
        builder.Services.AddSingleton<DeliveryRepublisher>();
        builder.Services.AddSingleton<EnrollmentEventProcessor>();
        builder.Services.AddHostedService<EnrollmentEventConsumer>();
        return builder;
    }
}
