using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TrainingProgram.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// GET/POST /connect/authorize, after OpenIddict has validated the request (client, redirect URI, PKCE, scopes):
/// a signed-in person gets a code; anyone else is sent to the login page and comes back here.
/// </summary>
public static class AuthorizationEndpoint
{
    public static async Task<IResult> Authorize(
        HttpContext http, UserManager<Account> accounts, IOpenIddictScopeManager scopes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle this authorization request.");

        var login = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = login.Succeeded ? await accounts.GetUserAsync(login.Principal) : null;
        if (account is null || MustSignInAgain(request, login, clock))
        {
            return request.HasPromptValue(PromptValues.None)
                ? Reject(Errors.LoginRequired, "The user is not signed in.")
                : TypedResults.Challenge(
                    new AuthenticationProperties { RedirectUri = RequestWithoutLoginPrompt(http.Request) },
                    [IdentityConstants.ApplicationScheme]);
        }

        var identity = await TokenClaims.NewIdentity()
            .SetAccountClaims(account, await accounts.GetRolesAsync(account))
            .SetSecurityStamp(accounts.Options, await accounts.GetSecurityStampAsync(account))
            .SetScopesAndAudiencesAsync(request.GetScopes(), scopes, cancellationToken);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static bool MustSignInAgain(OpenIddictRequest request, AuthenticateResult login, TimeProvider clock) =>
        request.HasPromptValue(PromptValues.Login)
        || (request.MaxAge is { } maxAge && login.Properties?.IssuedUtc is { } signedInAt
            && clock.GetUtcNow() - signedInAt > TimeSpan.FromSeconds(maxAge));

    /// <summary>This request again, minus prompt=login: once the person has signed in, asking again would loop.</summary>
    private static string RequestWithoutLoginPrompt(HttpRequest request)
    {
        var parameters = (request.HasFormContentType ? request.Form.ToList() : request.Query.ToList())
            .Select(parameter => parameter.Key == Parameters.Prompt
                ? KeyValuePair.Create(parameter.Key, new StringValues(string.Join(' ', parameter.Value.ToString()
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(value => value != PromptValues.Login))))
                : parameter)
            .Where(parameter => !StringValues.IsNullOrEmpty(parameter.Value));
        return request.PathBase + request.Path + QueryString.Create(parameters);
    }

    private static ForbidHttpResult Reject(string error, string description) =>
        TypedResults.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
