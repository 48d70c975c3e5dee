using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// A topology for tests that must know what else happens in it, run one at a time: the generated requests check
/// that a refused request changed nothing at all, the dashboard tests that an idle topology starts no trace. Its
/// settings make the rest observable within a test: the services export telemetry to an <see cref="OtlpReceiver"/>
/// instead of the dashboard, access tokens expire after <see cref="AccessTokenLifetime"/> with no clock skew allowed
/// (the fixture renews its own halfway), and the API's rate limits use a short window.
/// </summary>
public sealed class IsolatedApp : TrainingProgramApp
{
    /// <summary>The shortest the identity provider accepts.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(1);

    public const int EmailsPerWindow = 2;
    public const int WritesPerWindow = 20;
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromSeconds(8);

    public OtlpReceiver Telemetry { get; } = new();

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var resource = builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_EXPORTER_OTLP_HEADERS", "");
            if (project.Name == Identity)
            {
                resource.WithEnvironment("Identity__AccessTokenLifetime", AccessTokenLifetime.ToString("c", CultureInfo.InvariantCulture));
            }
            else
            {
                resource.WithEnvironment("Identity__ClockSkew", TimeSpan.Zero.ToString("c", CultureInfo.InvariantCulture));
            }

            if (project.Name == EnrollmentApi)
            {
                resource
                    .WithEnvironment("RateLimits__Window", RateLimitWindow.ToString("c", CultureInfo.InvariantCulture))
                    .WithEnvironment("RateLimits__EmailsPerWindow", EmailsPerWindow.ToString(CultureInfo.InvariantCulture))
                    .WithEnvironment("RateLimits__WritesPerWindow", WritesPerWindow.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Telemetry.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class IsolatedTopology : ICollectionFixture<IsolatedApp>
{
    public const string Name = "Isolated topology";
}
