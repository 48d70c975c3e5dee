namespace TrainingProgram.AppHost.Infrastructure;

/// <summary>How the AppHost runs PostgreSQL and RabbitMQ. The services cannot tell the difference.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, local processes otherwise.</summary>
    Auto,

    /// <summary>The standard Aspire hosting integrations: AddPostgres and AddRabbitMQ containers.</summary>
    Containers,

    /// <summary>Debian's postgresql and rabbitmq-server as executable resources, no container at all.</summary>
    Local,
}
