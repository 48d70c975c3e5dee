namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// smtp4dev, a development SMTP server that keeps every message it receives and shows them in a web inbox.
/// Its connection string is the SMTP endpoint: <c>Endpoint=smtp://host:port</c>.
/// </summary>
public sealed class Smtp4devResource(string name, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    public const string SmtpEndpointName = "smtp";
    public const string HttpEndpointName = "http";

    public EndpointReference SmtpEndpoint => field ??= new(this, SmtpEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=smtp://127.0.0.1:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}
