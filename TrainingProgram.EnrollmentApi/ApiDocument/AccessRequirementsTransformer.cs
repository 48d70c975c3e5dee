using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using TrainingProgram.EnrollmentApi.RateLimiting;

namespace TrainingProgram.EnrollmentApi.ApiDocument;

/// <summary>
/// Each operation's security requirement, read from the endpoint's authorization metadata (its policy, or the
/// fallback policy): a token from either scheme of <see cref="SecuritySchemesTransformer"/>, the roles it must
/// carry (in the description), and the answers of authentication (401), authorization (403) and, for writes, the
/// rate limits (429), all as problem details.
/// </summary>
public sealed class AccessRequirementsTransformer(IAuthorizationPolicyProvider policies, IOptions<ApiDocumentOptions> options)
    : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        // As the authorization middleware decides: the endpoint's own policies, or else the fallback policy.
        var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>())
            ?? await policies.GetFallbackPolicyAsync();
        if (policy is null)
        {
            return;
        }

        var document = context.Document!;
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemesTransformer.OAuth2, document)] = [options.Value.Scope] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemesTransformer.Bearer, document)] = [] },
        ];

        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        var access = roles.Count == 0
            ? "**Access:** any valid access token."
            : $"**Access:** an access token with role {string.Join(" or ", roles.Select(role => $"`{role}`"))}.";
        operation.Description = operation.Description is { Length: > 0 } description ? $"{description}\n\n{access}" : access;

        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Problem(document,
            "No access token, or one that is expired, forged, from another issuer or for another audience.",
            ("WWW-Authenticate", "The bearer challenge, with the token's error when there is one.", JsonSchemaType.String)));
        if (roles.Count > 0)
        {
            operation.Responses.TryAdd("403", Problem(document, "The access token is valid, but its role may not do this."));
        }

        if (!HttpMethods.IsGet(context.Description.HttpMethod ?? HttpMethods.Get))
        {
            var sendsEmail = metadata.OfType<EnableRateLimitingAttribute>().Any(limit => limit.PolicyName == EmailSendingPolicy.Name);
            operation.Responses.TryAdd("429", Problem(document,
                sendsEmail
                    ? "The caller's write budget or email-sending budget is used up (type rate-limited); nothing was changed."
                    : "The caller's write budget is used up (type rate-limited); nothing was changed.",
                ("Retry-After", "Seconds until the request may be sent again.", JsonSchemaType.Integer)));
        }
    }

    private static OpenApiResponse Problem(OpenApiDocument document, string description, params (string Name, string Description, JsonSchemaType Type)[] headers) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), document) },
        },
        Headers = headers.Length == 0
            ? null
            : headers.ToDictionary(
                header => header.Name,
                header => (IOpenApiHeader)new OpenApiHeader { Description = header.Description, Schema = new OpenApiSchema { Type = header.Type } }),
    };
}
