namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// A topology for tests that must know what else happens in it, run one at a time: the generated requests check
/// that a refused request changed nothing at all, the dashboard tests that an idle topology starts no trace, the
/// paging test that no student is added meanwhile. Its settings make the rest observable within a test: the services
/// export telemetry to an <see cref="OtlpReceiver"/> instead of the dashboard, and the API's rate limits use a short
/// window.
/// </summary>
public sealed class IsolatedApp : TrainingProgramApp
{
    public const int EmailsPerWindow = 2;
    public const int WritesPerWindow = 20;
    public const int ReadsPerWindow = 40;
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromSeconds(8);

    public OtlpReceiver Telemetry { get; } = new();

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in ResourceNames.All.Where(name => name is ResourceNames.Identity or ResourceNames.EnrollmentApi or ResourceNames.NotificationService))
        {
            builder
                .WithSetting(project, "OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint.ToString().TrimEnd('/'))
                .WithSetting(project, "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithSetting(project, "OTEL_EXPORTER_OTLP_HEADERS", "");
        }

        builder
            .WithSetting(ResourceNames.EnrollmentApi, "RateLimits__Window", RateLimitWindow)
            .WithSetting(ResourceNames.EnrollmentApi, "RateLimits__EmailsPerWindow", EmailsPerWindow)
            .WithSetting(ResourceNames.EnrollmentApi, "RateLimits__WritesPerWindow", WritesPerWindow)
            .WithSetting(ResourceNames.EnrollmentApi, "RateLimits__ReadsPerWindow", ReadsPerWindow)
            .WithSetting(ResourceNames.NotificationService, "RateLimits__Window", RateLimitWindow)
            .WithSetting(ResourceNames.NotificationService, "RateLimits__ReadsPerWindow", ReadsPerWindow);
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
