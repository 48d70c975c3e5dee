using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using TrainingProgram.EnrollmentApi.ApiDocument;

namespace Microsoft.AspNetCore.Builder;

public static class ApiReferenceExtensions
{
    /// <summary>
    /// The OpenAPI document "v1" with its security schemes and each operation's requirement (ApiDocument/); settings
    /// in section "ApiReference" (<see cref="ApiDocumentOptions"/>).
    /// </summary>
    public static IServiceCollection AddEnrollmentApiDocument(this IServiceCollection services)
    {
        services.AddOptions<ApiDocumentOptions>().BindConfiguration(ApiDocumentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddOpenApi(options => options
            .AddOperationTransformer<AccessRequirementsTransformer>()
            .AddDocumentTransformer<DocumentDescriptionTransformer>()
            .AddDocumentTransformer<SecuritySchemesTransformer>());
    }

    /// <summary>
    /// The OpenAPI document (/openapi/v1.json) and the Scalar reference (/scalar), for development only. Scalar signs
    /// in with the public client (authorization code + PKCE) and returns to its own page, a redirect URI the identity
    /// provider registers for 127.0.0.1 and localhost on any port (docs/identity.md).
    /// </summary>
    public static WebApplication MapApiReferenceInDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            var signIn = app.Services.GetRequiredService<IOptions<ApiDocumentOptions>>().Value;
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference(scalar => scalar
                    .AddPreferredSecuritySchemes([SecuritySchemesTransformer.OAuth2])
                    .AddAuthorizationCodeFlow(SecuritySchemesTransformer.OAuth2, flow => flow
                        .WithClientId(signIn.ClientId)
                        .WithPkce(Pkce.Sha256)
                        .WithSelectedScopes(["openid", "profile", "roles", signIn.Scope])))
                .AllowAnonymous();
        }

        return app;
    }
}
