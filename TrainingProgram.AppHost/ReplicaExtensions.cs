using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static class ReplicaExtensions
{
    /// <summary>
    /// Runs as many replicas as configuration key Replicas:RESOURCE says (default 1), e.g.
    /// <c>--Replicas:enrollment-api=2</c> or environment variable <c>Replicas__notification-service=2</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfiguredReplicas(this IResourceBuilder<ProjectResource> project)
    {
        var replicas = project.ApplicationBuilder.Configuration.GetValue($"Replicas:{project.Resource.Name}", 1);
        return replicas == 1 ? project : project.WithReplicas(replicas);
    }
}
