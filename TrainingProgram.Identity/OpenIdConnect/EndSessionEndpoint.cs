using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TrainingProgram.Identity.Accounts;
using TrainingProgram.Identity.SignIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// GET/POST /connect/endsession: ends the sign-in session, then OpenIddict sends the browser to the client's
/// registered post_logout_redirect_uri, or to the signed-out page when the client named none.
/// </summary>
/// <remarks>
/// A bare link must not sign anyone out (any site could embed one): the request needs the client's identity token of
/// this person as <c>id_token_hint</c> (which OpenIddict has verified by now), or the person's own confirmation,
/// posted from the page this endpoint shows otherwise, with its antiforgery token.
/// </remarks>
public static class EndSessionEndpoint
{
    public const string ConfirmField = "confirm";

    public static async Task<IResult> EndSession(
        HttpContext http, SignInManager<Account> signIns, UserManager<Account> accounts, IAntiforgery antiforgery)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle this end session request.");

        if (!await HintNamesTheSignedInPersonAsync(http, accounts) && !await IsConfirmedAsync(http, antiforgery))
        {
            LoginApi.NoFraming(http.Response);
            return LoginPage.SignOutConfirmation(antiforgery.GetAndStoreTokens(http), ParametersToRepeat(request));
        }

        await signIns.SignOutAsync();
        return TypedResults.SignOut(
            new AuthenticationProperties { RedirectUri = LoginApi.SignedOutPath },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>A verified identity token whose subject is the account signed in here (or nobody is signed in).</summary>
    private static async Task<bool> HintNamesTheSignedInPersonAsync(HttpContext http, UserManager<Account> accounts)
    {
        var hint = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!hint.Succeeded || hint.Principal.GetClaim(Claims.Subject) is not { } subject)
        {
            return false;
        }

        var login = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return !login.Succeeded || accounts.GetUserId(login.Principal) == subject;
    }

    private static async Task<bool> IsConfirmedAsync(HttpContext http, IAntiforgery antiforgery) =>
        HttpMethods.IsPost(http.Request.Method)
        && http.Request.HasFormContentType
        && (await http.Request.ReadFormAsync(http.RequestAborted))[ConfirmField] == "yes"
        && await antiforgery.IsRequestValidAsync(http);

    /// <summary>What the confirmation form posts again, so that the browser ends where the client asked.</summary>
    private static Dictionary<string, string> ParametersToRepeat(OpenIddictRequest request) =>
        new Dictionary<string, string?>
        {
            [Parameters.ClientId] = request.ClientId,
            [Parameters.PostLogoutRedirectUri] = request.PostLogoutRedirectUri,
            [Parameters.State] = request.State,
        }
        .Where(parameter => !string.IsNullOrEmpty(parameter.Value))
        .ToDictionary(parameter => parameter.Key, parameter => parameter.Value!);
}
