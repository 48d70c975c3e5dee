using System.Collections.Immutable;
using System.Text.Json;
using OpenIddict.Abstractions;
using TrainingProgram.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>The clients this provider knows, as registrations built from configuration.</summary>
public static class ClientApplications
{
    /// <summary>People: Scalar, the .http file, scripts and tests sign in with the code flow and PKCE (a public client, no secret).</summary>
    public const string WebClientId = "trainingprogram-web";

    /// <summary>Machines: tests, the benchmark and operators' scripts use client credentials; tokens carry role registrar.</summary>
    public const string OperationsClientId = "trainingprogram-operations";

    /// <summary>The application property that lists the roles a machine client's tokens carry.</summary>
    private const string RolesProperty = "roles";

    private static readonly string[] ApiScopePermissions =
        [.. ApiScopes.Audiences.Keys.Select(scope => Permissions.Prefixes.Scope + scope)];

    public static OpenIddictApplicationDescriptor Web(IdentityProviderOptions.WebClientOptions options)
    {
        var web = new OpenIddictApplicationDescriptor
        {
            // Web: redirect URIs match exactly. Native: a loopback one registered without a port accepts any port.
            ApplicationType = options.AllowLoopbackAnyPort ? ApplicationTypes.Native : ApplicationTypes.Web,
            ClientId = WebClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "TrainingProgram (people)",
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        web.Permissions.UnionWith([
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile,
            Permissions.Scopes.Email,
            Permissions.Scopes.Roles,
            .. ApiScopePermissions,
        ]);
        var apiReferences = options.ApiReferenceOrigins.Select(origin => new Uri(origin, UriKind.Absolute)).ToList();
        web.RedirectUris.UnionWith(options.RedirectUris.Select(uri => new Uri(uri, UriKind.Absolute)));
        web.RedirectUris.UnionWith(apiReferences.SelectMany(origin => new[] { new Uri(origin, "/scalar/"), new Uri(origin, "/scalar/v1") }));
        web.PostLogoutRedirectUris.UnionWith(options.PostLogoutRedirectUris.Select(uri => new Uri(uri, UriKind.Absolute)));
        web.PostLogoutRedirectUris.UnionWith(apiReferences.Select(origin => new Uri(origin, "/scalar/")));
        return web;
    }

    public static OpenIddictApplicationDescriptor Operations(IdentityProviderOptions.OperationsClientOptions options)
    {
        var operations = new OpenIddictApplicationDescriptor
        {
            ApplicationType = ApplicationTypes.Web,
            ClientId = OperationsClientId,
            ClientSecret = options.Secret is { Length: > 0 } secret
                ? secret
                : throw new InvalidOperationException(
                    $"Set {IdentityProviderOptions.SectionName}:Clients:Operations:Secret; the AppHost passes its operations-client-secret parameter."),
            ClientType = ClientTypes.Confidential,
            DisplayName = "TrainingProgram operations",
            Properties = { [RolesProperty] = JsonSerializer.SerializeToElement<string[]>([Roles.Registrar]) },
        };
        operations.Permissions.UnionWith([
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.ClientCredentials,
            .. ApiScopePermissions,
        ]);
        return operations;
    }

    public static IEnumerable<string> RolesOf(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(RolesProperty, out var roles) && roles.ValueKind == JsonValueKind.Array
            ? roles.EnumerateArray().Select(role => role.GetString()).OfType<string>()
            : [];
}
