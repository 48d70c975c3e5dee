using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TrainingProgram.Messaging.DeadLetters;

namespace TrainingProgram.Messaging.Consuming;

public static class ConsumerRegistration
{
    /// <summary>
    /// Consumes the queue of <paramref name="topology"/> on the RabbitMQ connection named <paramref name="connectionName"/> with the
    /// scoped <typeparamref name="THandler"/>, keeping dead letters in <typeparamref name="TContext"/> (whose model calls
    /// <see cref="MessagingModelBuilderExtensions.AddDeadLetters"/>). Settings: section "Consumer" (<see cref="ConsumerOptions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddQueueConsumer<THandler, TContext>(this IHostApplicationBuilder builder, string connectionName, ConsumerTopology topology)
        where THandler : class, IMessageHandler
        where TContext : DbContext
    {
        builder.AddMessagingConnection(connectionName, brokerOutage: HealthStatus.Unhealthy);
        builder.Services.AddOptions<ConsumerOptions>().BindConfiguration(ConsumerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(topology);
        builder.Services.AddSingleton<OutageGate>();
        builder.Services.AddSingleton<ConsumerMetrics>();
        builder.Services.AddSingleton<DeliveryRepublisher>();
        builder.Services.AddSingleton<DeadLetterSink>();
        builder.Services.AddScoped<IMessageHandler, THandler>();
        builder.Services.AddScoped<IDeadLetterStore, DeadLetterStore<TContext>>();
        builder.Services.AddHostedService<QueueConsumer>();
        builder.Services.AddHostedService<DeadLetterQueueIngester>();
        return builder;
    }
}
