namespace TrainingProgram.AppHost.Infrastructure;

/// <summary>
/// Turns the requested mode (configuration key <see cref="ConfigurationKey"/>, environment variable
/// Infrastructure__Mode) into the mode that will run, or stops with a message that says what to do.
/// </summary>
public static class InfrastructureModeResolver
{
    public const string ConfigurationKey = "Infrastructure:Mode";

    public static InfrastructureMode Resolve(
        string? requested,
        Func<ContainerRuntimeStatus> probeContainerRuntime,
        Func<LocalServerBinaries> findLocalServers) => Parse(requested) switch
        {
            InfrastructureMode.Containers => RequireContainers(probeContainerRuntime()),
            InfrastructureMode.Local => RequireLocal(findLocalServers(), because: "Infrastructure:Mode is 'local'"),
            _ => probeContainerRuntime() is { IsAvailable: false } runtime
                ? RequireLocal(findLocalServers(), because: $"no container runtime answered ({runtime.Detail}), so the local mode was chosen")
                : InfrastructureMode.Containers,
        };

    public static InfrastructureMode Parse(string? requested) => requested?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => InfrastructureMode.Auto,
        "containers" => InfrastructureMode.Containers,
        "local" => InfrastructureMode.Local,
        _ => throw new InfrastructureUnavailableException(
            $"{ConfigurationKey} is '{requested}'; use 'auto', 'containers' or 'local' (environment variable Infrastructure__Mode)."),
    };

    private static InfrastructureMode RequireContainers(ContainerRuntimeStatus runtime) => runtime.IsAvailable
        ? InfrastructureMode.Containers
        : throw new InfrastructureUnavailableException(
            $"{ConfigurationKey} is 'containers' but no container runtime answered: {runtime.Detail}. " +
            "Start Docker (or Podman with ASPIRE_CONTAINER_RUNTIME=podman), or set Infrastructure__Mode=local " +
            "to run PostgreSQL and RabbitMQ as local processes.");

    private static InfrastructureMode RequireLocal(LocalServerBinaries servers, string because) => servers.Missing.Count == 0
        ? InfrastructureMode.Local
        : throw new InfrastructureUnavailableException(
            $"{because}, but this machine lacks: {string.Join("; ", servers.Missing)}. " +
            "Run scripts/setup.sh (it installs them with apt-get), or start a container runtime.");
}
