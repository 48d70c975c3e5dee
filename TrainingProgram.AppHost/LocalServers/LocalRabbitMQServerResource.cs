namespace Aspire.Hosting.ApplicationModel;

/// <summary>A RabbitMQ broker run from Debian's rabbitmq-server as a local process, with the connection string of AddRabbitMQ.</summary>
public sealed class LocalRabbitMQServerResource(string name, ParameterResource userName, ParameterResource password, string workingDirectory)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string ManagementEndpointName = "management";

    public ParameterResource UserNameParameter { get; } = userName;

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserNameParameter}:{PasswordParameter}@127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
