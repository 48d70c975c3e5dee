using Microsoft.Extensions.Configuration;

namespace TrainingProgram.AppHost.Infrastructure;

/// <summary>
/// The named volumes that keep the containers' data (PostgreSQL's cluster, RabbitMQ's node) across a dashboard
/// Restart, a recreated container and the next AppHost run. By default Aspire names them after the AppHost project
/// and the resource, so every run of this checkout finds the same data; <c>Infrastructure:Containers:VolumePrefix</c>
/// names them <c>PREFIX</c> + resource + <c>-data</c> instead (the test kit gives each topology its own and removes
/// them afterwards).
/// </summary>
public static class DataVolumes
{
    public const string PrefixKey = "Infrastructure:Containers:VolumePrefix";

    /// <summary>The volume for <paramref name="resourceName"/>, or null for Aspire's own name.</summary>
    public static string? NameFor(IConfiguration configuration, string resourceName) =>
        configuration[PrefixKey] is { Length: > 0 } prefix ? $"{prefix}{resourceName}-data" : null;
}
