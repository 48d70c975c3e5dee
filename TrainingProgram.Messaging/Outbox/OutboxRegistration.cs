using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using TrainingProgram.Messaging.Publishing;

namespace TrainingProgram.Messaging.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The RabbitMQ connection named <paramref name="connectionName"/> (Aspire.RabbitMQ.Client) and a transactional
    /// outbox in <typeparamref name="TContext"/> (whose model calls <see cref="MessagingModelBuilderExtensions.AddOutbox"/>):
    /// rows written with the business change, relayed to the topic exchange <paramref name="exchange"/> with confirms,
    /// purged after their retention. Settings: section "Outbox" (<see cref="OutboxOptions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddOutbox<TContext>(this IHostApplicationBuilder builder, string connectionName, string exchange)
        where TContext : DbContext
    {
        builder.AddMessagingConnection(connectionName, brokerOutage: HealthStatus.Degraded);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(new ExchangeDeclaration(exchange, ExchangeType.Topic));
        builder.Services.AddSingleton(new OutboxRelayTarget(exchange));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxTelemetry>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.AddHostedService<PublishedOutboxPurge<TContext>>();
        return builder;
    }
}
