using TrainingProgram.AppHost.Infrastructure;

namespace TrainingProgram.UnitTests.Topology;

public sealed class InfrastructureModeResolverTests
{
    private static readonly ContainerRuntimeStatus RuntimeAnswers = new("docker", true, "docker engine 28.2.2");
    private static readonly ContainerRuntimeStatus NoRuntime = new("docker", false, "'docker info' failed: Cannot connect to the Docker daemon");
    private static readonly LocalServerBinaries ServersInstalled = new("/usr/lib/postgresql/15/bin", "/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static readonly LocalServerBinaries NoServers = new(null, null);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData(" Auto ")]
    public void Auto_picks_local_when_no_container_runtime_answers(string? requested) =>
        Assert.Equal(InfrastructureMode.Local, InfrastructureModeResolver.Resolve(requested, () => NoRuntime, () => ServersInstalled));

    [Fact]
    public void Auto_picks_containers_when_a_runtime_answers() =>
        Assert.Equal(InfrastructureMode.Containers, InfrastructureModeResolver.Resolve("auto", () => RuntimeAnswers, () => NoServers));

    [Fact]
    public void Local_is_honoured_even_when_a_runtime_answers() =>
        Assert.Equal(InfrastructureMode.Local, InfrastructureModeResolver.Resolve("local", () => RuntimeAnswers, () => ServersInstalled));

    [Fact]
    public void Containers_without_a_runtime_says_what_to_start_or_set()
    {
        var error = Assert.Throws<InfrastructureUnavailableException>(() =>
            InfrastructureModeResolver.Resolve("containers", () => NoRuntime, () => ServersInstalled));

        Assert.Contains("Cannot connect to the Docker daemon", error.Message, StringComparison.Ordinal);
        Assert.Contains("Start Docker", error.Message, StringComparison.Ordinal);
        Assert.Contains("Infrastructure__Mode=local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_without_server_binaries_names_the_packages_to_install()
    {
        var error = Assert.Throws<InfrastructureUnavailableException>(() =>
            InfrastructureModeResolver.Resolve("local", () => RuntimeAnswers, () => NoServers));

        Assert.Contains("'postgresql'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'rabbitmq-server'", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_neither_runtime_nor_binaries_explains_both()
    {
        var error = Assert.Throws<InfrastructureUnavailableException>(() =>
            InfrastructureModeResolver.Resolve(null, () => NoRuntime, () => new LocalServerBinaries("/usr/lib/postgresql/15/bin", null)));

        Assert.Contains("no container runtime answered", error.Message, StringComparison.Ordinal);
        Assert.Contains("'rabbitmq-server'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'postgresql'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_mode_is_refused_with_the_allowed_values()
    {
        var error = Assert.Throws<InfrastructureUnavailableException>(() =>
            InfrastructureModeResolver.Resolve("kubernetes", () => RuntimeAnswers, () => ServersInstalled));

        Assert.Contains("'auto', 'containers' or 'local'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_that_is_not_installed_is_reported_as_such()
    {
        var status = ContainerRuntimeProbe.Probe("trainingprogram-no-such-runtime");

        Assert.False(status.IsAvailable);
        Assert.Contains("is not installed", status.Detail, StringComparison.Ordinal);
    }
}
