using TrainingProgram.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrainingProgram.Identity.OpenIdConnect;

public static class OpenIdConnectServerRegistration
{
    /// <summary>
    /// OpenIddict as the OpenID Connect provider (code + PKCE, refresh tokens, client credentials) on its EF Core
    /// stores, and its validation of our own tokens for the endpoints this service protects itself.
    /// </summary>
    public static WebApplicationBuilder AddOpenIdConnectServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityProviderOptions>()
            .BindConfiguration(IdentityProviderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(IdentityProviderOptions.SectionName).Get<IdentityProviderOptions>() ?? new();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OpenIdConnectEndpoints.AuthorizationPath)
                    .SetTokenEndpointUris(OpenIdConnectEndpoints.TokenPath)
                    .SetEndSessionEndpointUris(OpenIdConnectEndpoints.EndSessionPath);

                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();

                // "plain" would send the verifier itself in the authorization request, where PKCE assumes it can leak.
                server.Configure(settings => settings.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. ApiScopes.Audiences.Keys]);
                server.RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.Email, Claims.Role, TrainingProgramClaims.StudentNumber);

                // Signed, not encrypted: any resource server (JwtBearer included) validates them with the JWKS alone.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);

                // Rolling refresh tokens (each good once) are OpenIddict's default; with token storage, a second use
                // after the leeway revokes every token of that authorization, the thief's and the student's alike.
                server.SetRefreshTokenReuseLeeway(options.RefreshTokenReuseLeeway);
                if (options.Issuer is not null)
                {
                    server.SetIssuer(options.Issuer);
                }

                server.AddServerKeys(options, builder.Environment);

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();

                // Local mode is plain http on 127.0.0.1; anywhere else OpenIddict refuses requests that are not https.
                if (builder.Environment.IsDevelopment())
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        return builder;
    }
}
