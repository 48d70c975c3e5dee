using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.ServiceDefaults.Security;

/// <summary>
/// Bearer access tokens from the OpenID Connect provider named by configuration: <c>Identity:Authority</c> (the
/// AppHost passes the identity resource's address; a university points it at its own Entra ID, Keycloak or
/// Shibboleth) and <c>Identity:Audience</c> (this service's name in the tokens' <c>aud</c>). Issuer, audience,
/// lifetime and signature are checked against the provider's discovery document and keys. Every endpoint needs a
/// token unless it says otherwise; a missing or bad one gets 401, a valid one without the right role 403, both as
/// problem details.
/// </summary>
public static class TokenAuthentication
{
    public const string Section = "Identity";

    /// <summary>The claim holding the caller's role; a provider that names it otherwise sets <c>Identity:RoleClaim</c>.</summary>
    public const string RoleClaim = "role";

    /// <summary>The claim by which a student's token names their student record.</summary>
    public const string StudentNumberClaim = "student_number";

    public static IHostApplicationBuilder AddTokenAuthentication(this IHostApplicationBuilder builder, string defaultAudience)
    {
        var settings = builder.Configuration.GetSection(Section);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = settings["Authority"];
                options.Audience = settings["Audience"] ?? defaultAudience;
                options.MapInboundClaims = false;
                // The local topology serves the provider over http on 127.0.0.1; anywhere else metadata must be https.
                options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = settings["RoleClaim"] ?? RoleClaim;
                options.TokenValidationParameters.ClockSkew = settings.GetValue("ClockSkew", TimeSpan.FromSeconds(30));
                options.Events = new JwtBearerEvents
                {
                    OnChallenge = AnswerUnauthorizedAsync,
                    OnForbidden = context => ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden",
                        "Forbidden", "The access token is valid, but its role may not do this."),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    public static WebApplication UseTokenAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>401 as problem details, keeping the WWW-Authenticate header (with the token's error, when there is one).</summary>
    private static async Task AnswerUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var error = context.Error is { Length: > 0 } e ? $" error=\"{e}\"" + (context.ErrorDescription is { Length: > 0 } d ? $", error_description=\"{d}\"" : "") : "";
        context.Response.Headers.WWWAuthenticate = "Bearer" + error;
        var detail = context.AuthenticateFailure is null
            ? "This endpoint needs an access token: send 'Authorization: Bearer <token>' (docs/identity.md says how to get one)."
            : $"The access token was refused: {context.ErrorDescription ?? context.AuthenticateFailure.Message}";
        await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);
    }
}
