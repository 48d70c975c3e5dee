using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// A topology whose services export their telemetry to an <see cref="OtlpReceiver"/> instead of the dashboard, so
/// tests see what the dashboard would show. Its own topology: anything another test did would show up there too.
/// </summary>
public sealed class ObservedApp : TrainingProgramApp
{
    public OtlpReceiver Telemetry { get; } = new();

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_EXPORTER_OTLP_HEADERS", "");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Telemetry.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ObservedTopology : ICollectionFixture<ObservedApp>
{
    public const string Name = "Observed topology";
}
