using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TrainingProgram.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// POST /connect/token, after OpenIddict has authenticated the client and validated the grant: the claims of the
/// tokens to issue. A code or refresh token is redeemed against the account as it is now: a removed, locked or
/// disabled account, or a changed security stamp (a new password, a reset), refuses it; a changed role takes effect
/// at the next refresh.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> Exchange(
        HttpContext http,
        UserManager<Account> accounts,
        SignInManager<Account> signIns,
        IOpenIddictApplicationManager applications,
        IOpenIddictScopeManager scopes,
        CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle this token request.");

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                ?? throw new InvalidOperationException($"The authenticated client '{request.ClientId}' has no registration.");
            var client = await TokenClaims.NewIdentity()
                .SetClientClaims(
                    request.ClientId!,
                    await applications.GetDisplayNameAsync(application, cancellationToken),
                    ClientApplications.RolesOf(await applications.GetPropertiesAsync(application, cancellationToken)))
                .SetScopesAndAudiencesAsync(request.GetScopes(), scopes, cancellationToken);
            return SignIn(client);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            throw new InvalidOperationException($"Grant type '{request.GrantType}' is not enabled, so OpenIddict should have refused it.");
        }

        var grant = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = grant.Principal?.GetClaim(Claims.Subject) is { } subject ? await accounts.FindByIdAsync(subject) : null;
        if (account is null
            || !await signIns.CanSignInAsync(account)
            || await accounts.IsLockedOutAsync(account)
            || grant.Principal!.GetSecurityStamp(accounts.Options) != await accounts.GetSecurityStampAsync(account))
        {
            return TypedResults.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account no longer exists, may no longer sign in, or has changed its password since this sign-in.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        // The grant's own principal keeps what OpenIddict attached at authorization (scopes, authorization id).
        var identity = await TokenClaims.NewIdentity(grant.Principal!.Claims)
            .SetAccountClaims(account, await accounts.GetRolesAsync(account))
            .SetScopesAndAudiencesAsync(grant.Principal.GetScopes(), scopes, cancellationToken);
        return SignIn(identity);
    }

    private static SignInHttpResult SignIn(ClaimsIdentity identity) =>
        TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
