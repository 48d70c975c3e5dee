namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A RabbitMQ user of its own for one service, on the broker of either infrastructure mode: the connection string
/// carries this user (password parameter <c>NAME-password</c>), never the broker's administrator, so whoever
/// references it can do what <see cref="Permissions"/> allow and nothing else (no management, no other queues). The
/// user is created when the broker is ready (BrokerUserExtensions).
/// </summary>
public sealed class BrokerUserResource(
    string name, string userName, IResourceWithConnectionString broker, ReferenceExpression host, ReferenceExpression port,
    ParameterResource password, TrainingProgram.AppHost.Infrastructure.BrokerPermissions permissions)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    public string UserName { get; } = userName;

    public ParameterResource PasswordParameter { get; } = password;

    public TrainingProgram.AppHost.Infrastructure.BrokerPermissions Permissions { get; } = permissions;

    public IResourceWithConnectionString Parent { get; } = broker;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter}@{host}:{port}");
}
