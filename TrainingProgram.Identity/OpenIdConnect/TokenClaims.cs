using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using TrainingProgram.Identity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// What the tokens say about their subject. Access tokens always carry sub, role, name, email and, for a student,
/// student_number; the identity token carries them as its scopes (profile, email, roles) allow.
/// </summary>
public static class TokenClaims
{
    public static ClaimsIdentity NewIdentity(IEnumerable<Claim>? claims = null) =>
        new(claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    /// <summary>Sets a person's claims, replacing earlier values (a refresh picks up a changed name or role).</summary>
    public static ClaimsIdentity SetAccountClaims(this ClaimsIdentity identity, Account account, IEnumerable<string> roles) =>
        identity
            .SetClaim(Claims.Subject, account.Id)
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(TrainingProgramClaims.StudentNumber, account.StudentNumber)
            .SetClaims(Claims.Role, [.. roles]);

    /// <summary>
    /// The account's security stamp at sign-in. It has no destination, so it is in the authorization code and the
    /// refresh tokens (which only this server reads) and in no access or identity token; a refresh compares it with
    /// the account's current one (<see cref="TokenEndpoint"/>).
    /// </summary>
    public static ClaimsIdentity SetSecurityStamp(this ClaimsIdentity identity, IdentityOptions options, string stamp) =>
        identity.SetClaim(options.ClaimsIdentity.SecurityStampClaimType, stamp);

    public static string? GetSecurityStamp(this ClaimsPrincipal principal, IdentityOptions options) =>
        principal.GetClaim(options.ClaimsIdentity.SecurityStampClaimType);

    /// <summary>A machine client's claims: it is its own subject, and acts in the roles its registration gives it.</summary>
    public static ClaimsIdentity SetClientClaims(this ClaimsIdentity identity, string clientId, string? displayName, IEnumerable<string> roles) =>
        identity
            .SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, displayName ?? clientId)
            .SetClaims(Claims.Role, [.. roles]);

    /// <summary>The granted scopes, the audiences they stand for (from the scope registrations), and each claim's destinations.</summary>
    public static async Task<ClaimsIdentity> SetScopesAndAudiencesAsync(
        this ClaimsIdentity identity, ImmutableArray<string> scopes, IOpenIddictScopeManager scopeManager, CancellationToken cancellationToken)
    {
        identity.SetScopes(scopes);
        identity.SetResources(await scopeManager.ListResourcesAsync(scopes, cancellationToken).ToListAsync(cancellationToken));
        identity.SetDestinations(DestinationsOf);
        return identity;
    }

    /// <summary>
    /// Claims reach a token only with a destination. Anything else on the identity (such as a security stamp) stays
    /// on the server; OpenIddict's own private claims find their way without one.
    /// </summary>
    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name or Claims.PreferredUsername or TrainingProgramClaims.StudentNumber => AlsoInIdentityTokenWith(claim, Scopes.Profile),
        Claims.Email => AlsoInIdentityTokenWith(claim, Scopes.Email),
        Claims.Role => AlsoInIdentityTokenWith(claim, Scopes.Roles),
        _ => [],
    };

    private static string[] AlsoInIdentityTokenWith(Claim claim, string scope) =>
        claim.Subject?.HasScope(scope) == true
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken];
}
