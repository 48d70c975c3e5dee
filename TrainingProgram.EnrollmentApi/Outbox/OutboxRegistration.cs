namespace TrainingProgram.EnrollmentApi.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The RabbitMQ connection ("messaging") and the transactional outbox: rows written with the business change,
    /// relayed to the broker with confirms, purged after their retention.
    /// </summary>
    public static IHostApplicationBuilder AddEnrollmentEventOutbox(this IHostApplicationBuilder builder)
    {
        // Our own producer span carries the request's trace to the consumer; RabbitMQ.Client's spans would only
        // add a second, linked publish span per message.
        builder.AddRabbitMQClient("messaging", settings => settings.DisableTracing = true);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxTelemetry>();
        builder.Services.AddSingleton<EnrollmentEventPublisher>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHostedService<PublishedOutboxPurge>();
        return builder;
    }
}
