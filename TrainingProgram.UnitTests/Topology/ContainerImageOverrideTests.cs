using Aspire.Hosting.ApplicationModel;
using TrainingProgram.AppHost.Infrastructure;

namespace TrainingProgram.UnitTests.Topology;

/// <summary>
/// The `containers` mode keeps Aspire's standard images unless configuration names others (the local builds of
/// scripts/containers/build-images.sh), and RabbitMQ keeps its management endpoint either way. Model only: nothing starts.
/// </summary>
public sealed class ContainerImageOverrideTests
{
    [Fact]
    public void By_default_the_standard_images_are_kept()
    {
        var builder = ModelBuilder();

        var postgres = (PostgresServerResource)builder.AddPostgresServer("postgres", InfrastructureMode.Containers).Resource;
        var messaging = (RabbitMQServerResource)builder.AddMessageBroker("messaging", InfrastructureMode.Containers).Resource;

        AssertImage(postgres, "docker.io", "library/postgres", expectedTagPrefix: "");
        AssertImage(messaging, "docker.io", "library/rabbitmq", expectedTagPrefix: "");
        Assert.EndsWith("-management", Image(messaging).Tag, StringComparison.Ordinal);
        Assert.False(postgres.TryGetLastAnnotation<ContainerImagePullPolicyAnnotation>(out _));
        AssertManagementEndpoint(messaging);
    }

    [Fact]
    public void Configured_images_replace_registry_image_and_tag_and_are_never_pulled_when_present()
    {
        var builder = ModelBuilder();
        builder.Configuration[ContainerImageOverrides.PostgresImageKey] = "trainingprogram/postgres:15-abc";
        builder.Configuration[ContainerImageOverrides.RabbitMQImageKey] = "registry.example/tp/rabbitmq:3.10-def";

        var postgres = (PostgresServerResource)builder.AddPostgresServer("postgres", InfrastructureMode.Containers).Resource;
        var messaging = (RabbitMQServerResource)builder.AddMessageBroker("messaging", InfrastructureMode.Containers).Resource;

        AssertImage(postgres, null, "trainingprogram/postgres", expectedTagPrefix: "15-abc");
        AssertImage(messaging, null, "registry.example/tp/rabbitmq", expectedTagPrefix: "3.10-def");
        Assert.Equal(ImagePullPolicy.Missing, postgres.Annotations.OfType<ContainerImagePullPolicyAnnotation>().Single().ImagePullPolicy);
        Assert.Equal(ImagePullPolicy.Missing, messaging.Annotations.OfType<ContainerImagePullPolicyAnnotation>().Single().ImagePullPolicy);
        AssertManagementEndpoint(messaging);
    }

    /// <summary>A builder of the AppHost's kind, used only to build a model: never started.</summary>
    private static IDistributedApplicationBuilder ModelBuilder() => DistributedApplication.CreateBuilder(new DistributedApplicationOptions
    {
        Args = [],
        DisableDashboard = true,
        AssemblyName = typeof(ContainerImageOverrides).Assembly.GetName().Name,
    });

    private static ContainerImageAnnotation Image(IResource resource) => resource.Annotations.OfType<ContainerImageAnnotation>().Single();

    private static void AssertImage(IResource resource, string? registry, string image, string expectedTagPrefix)
    {
        var annotation = Image(resource);
        Assert.Equal(registry, annotation.Registry);
        Assert.Equal(image, annotation.Image);
        Assert.StartsWith(expectedTagPrefix, annotation.Tag, StringComparison.Ordinal);
    }

    private static void AssertManagementEndpoint(RabbitMQServerResource messaging) =>
        Assert.Contains(
            messaging.Annotations.OfType<EndpointAnnotation>(),
            endpoint => endpoint.Name == "management" && endpoint.TargetPort == 15672);
}
