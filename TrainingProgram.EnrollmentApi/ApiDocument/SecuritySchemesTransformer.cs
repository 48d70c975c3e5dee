using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace TrainingProgram.EnrollmentApi.ApiDocument;

/// <summary>
/// Declares the two ways to send a token: <see cref="OAuth2"/>, with the identity provider's authorization and token
/// endpoints, for clients that sign in themselves (Scalar, with authorization code + PKCE), and <see cref="Bearer"/>
/// for a token obtained elsewhere. The endpoints come from the provider's discovery document, read through the
/// JwtBearer handler's own configuration (<c>Identity:Authority</c>), so they are right for any OIDC provider.
/// </summary>
public sealed partial class SecuritySchemesTransformer(
    IOptionsMonitor<JwtBearerOptions> jwtBearer, IOptions<ApiDocumentOptions> options, ILogger<SecuritySchemesTransformer> logger)
    : IOpenApiDocumentTransformer
{
    public const string OAuth2 = "oauth2";
    public const string Bearer = "bearer";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token of the identity provider for this API's audience, sent as 'Authorization: Bearer <token>'.",
        };

        var provider = await DiscoverProviderAsync(cancellationToken);
        if (provider is null)
        {
            // Without the provider's endpoints the document still says that a bearer token is needed.
            foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
            {
                operation.Security = operation.Security?.Where(requirement => !requirement.Keys.Any(scheme => scheme.Reference.Id == OAuth2)).ToList();
            }

            return;
        }

        var scopes = new Dictionary<string, string>
        {
            [options.Value.Scope] = "This API: the token's audience is the Enrollment API",
            ["openid"] = "Sign in with OpenID Connect (an identity token)",
            ["profile"] = "The person's name in the identity token",
            ["roles"] = "The person's role in the identity token",
        };
        document.Components.SecuritySchemes[OAuth2] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description =
                $"The identity provider at {provider.Issuer}. People (role student or registrar): authorization code with " +
                $"PKCE (S256), public client '{options.Value.ClientId}'. Machine clients (role registrar): client credentials.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(provider.AuthorizationEndpoint),
                    TokenUrl = new Uri(provider.TokenEndpoint),
                    RefreshUrl = new Uri(provider.TokenEndpoint),
                    Scopes = scopes,
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(provider.TokenEndpoint),
                    Scopes = new Dictionary<string, string> { [options.Value.Scope] = scopes[options.Value.Scope] },
                },
            },
        };
    }

    private async Task<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration?> DiscoverProviderAsync(CancellationToken cancellationToken)
    {
        var configuration = jwtBearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager;
        try
        {
            return configuration is null ? null : await configuration.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            LogDiscoveryFailed(logger, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity provider's discovery document could not be read; the API document declares the bearer scheme only")]
    private static partial void LogDiscoveryFailed(ILogger logger, Exception exception);
}
