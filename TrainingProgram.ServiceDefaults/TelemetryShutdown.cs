using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Flushes traces, metrics and logs at shutdown within <see cref="Budget"/>, all three at once. Without it, each
/// provider waits up to 5 s in turn while the OTLP exporter retries an endpoint that is gone (the dashboard closed
/// during F5, or never started under DistributedApplicationTestingBuilder): 15 s, past the orchestrator's stop
/// window, so "Stop" failed. Registered before the services' own hosted services, so it stops after them and
/// their last spans are flushed too.
/// </summary>
internal sealed class TelemetryShutdown(IServiceProvider services) : IHostedService
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var budget = (int)Budget.TotalMilliseconds;
        var tracer = services.GetService<TracerProvider>();
        var meter = services.GetService<MeterProvider>();
        var logger = services.GetService<LoggerProvider>();
        return Task.WhenAll(
            Task.Run(() => tracer?.Shutdown(budget), CancellationToken.None),
            Task.Run(() => meter?.Shutdown(budget), CancellationToken.None),
            Task.Run(() => logger?.Shutdown(budget), CancellationToken.None));
    }
}
