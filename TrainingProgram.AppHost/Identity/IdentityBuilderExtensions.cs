using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The identity provider's settings: its issuer and the secrets of its clients and development accounts.</summary>
public static class IdentityBuilderExtensions
{
    /// <summary>The parameter holding the secret of the client-credentials client trainingprogram-operations.</summary>
    public const string OperationsClientSecret = "operations-client-secret";
    /// <summary>
    /// Sets <c>Identity:Issuer</c> to the resource's own http endpoint (the address the other services and the tests
    /// use, so that it equals the <c>iss</c> of every token), and passes three secret parameters, generated for the
    /// run when unset: <c>operations-client-secret</c> (client trainingprogram-operations), and the passwords of the
    /// development accounts, <c>registrar-password</c> (user registrar) and <c>student-password</c> (users S1001-S1003).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIdentityProviderSettings(this IResourceBuilder<ProjectResource> identity)
    {
        var builder = identity.ApplicationBuilder;
        return identity
            .WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"))
            .WithEnvironment("Identity__Clients__Operations__Secret", builder.AddGeneratedSecret(OperationsClientSecret))
            .WithEnvironment("Identity__DevelopmentAccounts__RegistrarPassword", builder.AddGeneratedSecret("registrar-password"))
            .WithEnvironment("Identity__DevelopmentAccounts__StudentPassword", builder.AddGeneratedSecret("student-password"));
    }

    /// <summary>
    /// The service accepts access tokens from <paramref name="identity"/>: <c>Identity:Authority</c> is its address
    /// (the issuer in its tokens), and the service starts once it answers.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIdentityProvider(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity) =>
        service.WithEnvironment("Identity__Authority", identity.GetEndpoint("http")).WaitFor(identity);

    /// <summary>
    /// The identity provider checks student records with <paramref name="enrollmentApi"/> before it makes an account
    /// (service discovery; no WaitFor, since the API waits for the provider), and lets the API's Scalar page sign in:
    /// its origin, on the port of this run, is a redirect URI and a CORS origin of the web client.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithStudentRecordsFrom(
        this IResourceBuilder<ProjectResource> identity, IResourceBuilder<ProjectResource> enrollmentApi)
    {
        var port = enrollmentApi.GetEndpoint("http").Property(EndpointProperty.Port);
        return identity
            .WithReference(enrollmentApi)
            .WithEnvironment("Identity__Clients__Web__ApiReferenceOrigins__0", ReferenceExpression.Create($"http://127.0.0.1:{port}"))
            .WithEnvironment("Identity__Clients__Web__ApiReferenceOrigins__1", ReferenceExpression.Create($"http://localhost:{port}"));
    }

    /// <summary>Like the infrastructure passwords: Parameters:NAME from configuration when set, generated for this run otherwise.</summary>
    private static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true);
}
