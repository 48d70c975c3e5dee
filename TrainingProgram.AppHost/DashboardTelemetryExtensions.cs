using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

public static class DashboardTelemetryExtensions
{
    /// <summary>
    /// Without a dashboard (DistributedApplicationTestingBuilder turns it off), Aspire still points every service at
    /// the dashboard's OTLP address, where nothing listens: each service then retries its exports all run long and,
    /// at every stop, spends its whole telemetry flush budget (2 s) on them, which under load pushed stops past the
    /// orchestrator's kill deadline. Here that address is withdrawn right where Aspire sets it, so settings applied
    /// later (a test's own OTLP receiver) still win.
    /// </summary>
    public static IDistributedApplicationBuilder ExportTelemetryOnlyToARunningDashboard(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
        {
            if (!started.Services.GetRequiredService<DistributedApplicationOptions>().DisableDashboard)
            {
                return Task.CompletedTask;
            }

            foreach (var resource in started.Model.Resources.OfType<IResourceWithEnvironment>())
            {
                var exporter = resource.Annotations.OfType<OtlpExporterAnnotation>().FirstOrDefault();
                var dashboardSettings = exporter is null ? null : resource.Annotations.OfType<EnvironmentCallbackAnnotation>()
                    .FirstOrDefault(callback => resource.Annotations.IndexOf(callback) > resource.Annotations.IndexOf(exporter));
                if (dashboardSettings is null)
                {
                    continue;
                }

                resource.Annotations.Insert(resource.Annotations.IndexOf(dashboardSettings) + 1,
                    new EnvironmentCallbackAnnotation(environment =>
                    {
                        environment.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
                        environment.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_PROTOCOL");
                    }));
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
