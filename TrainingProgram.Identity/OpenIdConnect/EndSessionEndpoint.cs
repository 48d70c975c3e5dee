using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;
using TrainingProgram.Identity.Accounts;
using TrainingProgram.Identity.SignIn;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// GET/POST /connect/endsession: ends the sign-in session, then OpenIddict sends the browser to the client's
/// registered post_logout_redirect_uri, or to the signed-out page when the client named none.
/// </summary>
public static class EndSessionEndpoint
{
    public static async Task<SignOutHttpResult> EndSession(SignInManager<Account> signIns)
    {
        await signIns.SignOutAsync();
        return TypedResults.SignOut(
            new AuthenticationProperties { RedirectUri = LoginApi.SignedOutPath },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
