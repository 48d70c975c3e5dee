using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every TrainingProgram service shares: OpenTelemetry to the dashboard, health checks,
/// service discovery and resilient HTTP clients.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Our own ActivitySources and Meters all start with this, so one wildcard picks them up.</summary>
    public const string TelemetryPrefix = "TrainingProgram.";

    /// <summary>
    /// The longest any one health check may take: the AppHost gives up on /health after 10 s, and /health must
    /// answer 503 by then, not hang, when a server is gone.
    /// </summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long one run of a health check answers for every caller (see <see cref="SharedHealthCheck"/>).</summary>
    public static readonly TimeSpan HealthResultLifetime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every request body of these services is a small JSON document or form; Kestrel's default (30 MB) would let
    /// a client make a service read megabytes before validation refuses them. Larger bodies get 413.
    /// </summary>
    public const long MaxRequestBodySize = 32 * 1024;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize);

        // The orchestrator (DCP) waits ~12 s after SIGTERM before it reports a stop as failed. Work still in flight
        // after 5 s is abandoned unacknowledged and redelivered, which is safe: every consumer is idempotent.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
                // The AppHost sets OTEL_TRACES_SAMPLER=always_on, which records even the children of a span that chose
                // not to be recorded; parent-based honours that choice, which keeps housekeeping (UntracedWork) off
                // the Traces page.
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(builder.Environment.ApplicationName, TelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.AddHostedService<TelemetryShutdown>();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        // Post-configured so that it also bounds and shares the checks the client integrations register after this call.
        builder.Services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IServiceScopeFactory>((options, scopes) =>
        {
            foreach (var registration in options.Registrations)
            {
                var shared = new SharedHealthCheck(
                    new TimeBoundHealthCheck(scopes, registration.Factory, HealthCheckTimeout), HealthResultLifetime, TimeProvider.System);
                registration.Factory = _ => shared;
            }
        });
        return builder;
    }

    /// <summary>
    /// Maps /health (every check: ready for traffic) and /alive (the "live" checks only).
    /// They are mapped in every environment because orchestrators need them, and need no token; they answer only
    /// Healthy/Degraded/Unhealthy and reveal no details.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        }).AllowAnonymous();
        return app;
    }
}
