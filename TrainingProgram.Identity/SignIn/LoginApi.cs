using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using TrainingProgram.Identity.OpenIdConnect;
using TrainingProgram.Identity.SignIn.Throttling;

namespace TrainingProgram.Identity.SignIn;

/// <summary>
/// The login page the authorization endpoint sends people to. A successful sign-in sets the sign-in cookie and
/// returns to the authorization request, which then issues the code; a failed one shows the form again (200)
/// with the error, and nothing is issued.
/// </summary>
public static class LoginApi
{
    public const string LoginPath = "/account/login";
    public const string SignedOutPath = "/account/signed-out";

    public static IEndpointRouteBuilder MapLoginPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(LoginPath, ShowLoginForm).ExcludeFromDescription();
        routes.MapPost(LoginPath, SignIn).ExcludeFromDescription();
        routes.MapGet(SignedOutPath, () => LoginPage.Message("Signed out", "You are signed out.")).ExcludeFromDescription();
        return routes;
    }

    public static ContentHttpResult ShowLoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl)
    {
        NoFraming(http.Response);
        return LoginPage.Form(antiforgery.GetAndStoreTokens(http), AuthorizationRequestOrNull(returnUrl));
    }

    /// <summary>
    /// The form binding validates the antiforgery token first; a missing or wrong one is a 400. A source that has
    /// guessed too often waits (429, <see cref="SignInThrottle"/>) before any password is checked, whether or not the
    /// user name exists; a saturated replica answers 503. Both say when to try again (Retry-After). A browser that
    /// signed in to the account before is its own source (<see cref="DeviceCookies"/>), wherever it is.
    /// </summary>
    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> SignIn(
        HttpContext http, [FromForm] LoginForm form, PasswordSignIn passwords, SignInThrottle throttle, PasswordCheckLimiter limiter,
        DeviceCookies devices, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        NoFraming(http.Response);
        var returnUrl = AuthorizationRequestOrNull(form.ReturnUrl);
        if (form is not { UserName.Length: > 0, Password.Length: > 0 })
        {
            return LoginPage.Form(antiforgery.GetAndStoreTokens(http), returnUrl, form.UserName, LoginPage.WrongCredentials);
        }

        var device = devices.DeviceOf(http.Request, form.UserName);
        var subject = SignInThrottle.UserSubject(form.UserName);
        var source = device is null ? SignInThrottle.SourceOf(http) : DeviceCookies.SourceOf(device);
        if (await throttle.WaitBeforeAttemptAsync(subject, source, cancellationToken, knownSource: device is not null) is { } wait)
        {
            var seconds = RetryAfter.Seconds(wait);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return LoginPage.Form(antiforgery.GetAndStoreTokens(http), returnUrl, form.UserName, LoginPage.TooManyAttempts(seconds), StatusCodes.Status429TooManyRequests);
        }

        Microsoft.AspNetCore.Identity.SignInResult result;
        using (var lease = await limiter.TryAcquireAsync(cancellationToken))
        {
            if (lease is null)
            {
                http.Response.Headers.RetryAfter = PasswordCheckLimiter.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return LoginPage.Form(antiforgery.GetAndStoreTokens(http), returnUrl, form.UserName, LoginPage.Busy, StatusCodes.Status503ServiceUnavailable);
            }

            result = await passwords.SignInAsync(form.UserName, form.Password);
        }

        // Locked out or wrong: one answer, so that the page does not tell which accounts exist.
        if (!result.Succeeded)
        {
            await throttle.RecordFailureAsync(subject, source, CancellationToken.None);
            return LoginPage.Form(antiforgery.GetAndStoreTokens(http), returnUrl, form.UserName, LoginPage.WrongCredentials);
        }

        await throttle.RecordSuccessAsync(subject, source, CancellationToken.None);
        devices.Remember(http, form.UserName, device);
        return returnUrl is null
            ? LoginPage.Message("Signed in", "You are signed in.")
            : TypedResults.Redirect(returnUrl);
    }

    /// <summary>Only back to our own authorization endpoint: anything else would make the login page an open redirect.</summary>
    private static string? AuthorizationRequestOrNull(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(OpenIdConnectEndpoints.AuthorizationPath + "?", StringComparison.Ordinal)
            ? returnUrl
            : null;

    /// <summary>No other site may frame the login page to trick a click. (Antiforgery already forbids caching it.)</summary>
    public static void NoFraming(HttpResponse response)
    {
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
    }
}
