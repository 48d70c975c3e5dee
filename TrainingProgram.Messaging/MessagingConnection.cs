using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TrainingProgram.Messaging.Publishing;

namespace TrainingProgram.Messaging;

public static class MessagingConnection
{
    /// <summary>
    /// One long-lived RabbitMQ connection (Aspire.RabbitMQ.Client: automatic and topology recovery, health check) and
    /// the confirming publisher on it. Registered once however many parts of the library a service uses.
    /// </summary>
    /// <param name="brokerOutage">
    /// What the connection's health check reports while the broker is away: Degraded for a service that still does its
    /// job then (the outbox keeps the events), Unhealthy for one that cannot. The more severe of two calls wins.
    /// </param>
    internal static IHostApplicationBuilder AddMessagingConnection(this IHostApplicationBuilder builder, string connectionName, HealthStatus brokerOutage)
    {
        var existing = builder.Services.FirstOrDefault(service => service.ServiceType == typeof(BrokerOutageStatus))?.ImplementationInstance;
        if (existing is BrokerOutageStatus status)
        {
            // HealthStatus orders Unhealthy < Degraded < Healthy.
            status.Value = (HealthStatus)Math.Min((int)status.Value, (int)brokerOutage);
            return builder;
        }

        status = new BrokerOutageStatus { Value = brokerOutage };
        builder.Services.AddSingleton(status);
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name.Contains("RabbitMQ", StringComparison.OrdinalIgnoreCase)))
            {
                registration.FailureStatus = status.Value;
            }
        });

        // The client's own tracing is off: its consumer span only links to the producer (a new trace per message) and
        // its publisher span would overwrite the traceparent of what we publish. MessagingSpans replaces both.
        builder.AddRabbitMQClient(connectionName, settings => settings.DisableTracing = true);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConfirmedPublisher>();
        return builder;
    }

    private sealed class BrokerOutageStatus
    {
        public HealthStatus Value { get; set; }
    }
}
