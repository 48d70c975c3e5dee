using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace TrainingProgram.Identity.SignIn;

/// <summary>The login page: one plain, accessible form (labels, autocomplete hints, the error announced to screen readers).</summary>
public static class LoginPage
{
    public const string WrongCredentials = "The user name or password is incorrect.";

    public const string Busy = "The service is busy. Please try again in a moment.";

    public static string TooManyAttempts(int seconds) =>
        $"Too many attempts. Please wait {seconds} seconds before you try again.";

    public static ContentHttpResult Form(
        AntiforgeryTokenSet antiforgery, string? returnUrl, string? userName = null, string? error = null, int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        html.Append("<h1>Sign in to TrainingProgram</h1>")
            .Append("<p>Students sign in with their student number (such as S1001); registrars with their user name.</p>");
        if (error is not null)
        {
            html.Append($"""<p id="login-error" class="error" role="alert">{Encode(error)}</p>""");
        }

        var describedBy = error is null ? "" : """ aria-describedby="login-error" aria-invalid="true" """;
        html.Append($"""<form method="post" action="{LoginApi.LoginPath}">""")
            .Append($"""<input type="hidden" name="{Encode(antiforgery.FormFieldName)}" value="{Encode(antiforgery.RequestToken)}">""")
            .Append($"""<input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">""")
            .Append("""<label for="userName">User name</label>""")
            .Append($"""<input id="userName" name="userName" autocomplete="username" required autofocus value="{Encode(userName)}"{describedBy}>""")
            .Append("""<label for="password">Password</label>""")
            .Append($"""<input id="password" name="password" type="password" autocomplete="current-password" required{describedBy}>""")
            .Append("""<button type="submit">Sign in</button></form>""");
        return Page("Sign in", html.ToString(), statusCode);
    }

    /// <summary>The question the end session endpoint asks when the request alone does not prove who sent it.</summary>
    public static ContentHttpResult SignOutConfirmation(AntiforgeryTokenSet antiforgery, IReadOnlyDictionary<string, string> parameters)
    {
        var html = new StringBuilder();
        html.Append("<h1>Sign out of TrainingProgram?</h1>")
            .Append($"""<form method="post" action="{OpenIdConnect.OpenIdConnectEndpoints.EndSessionPath}">""")
            .Append($"""<input type="hidden" name="{Encode(antiforgery.FormFieldName)}" value="{Encode(antiforgery.RequestToken)}">""");
        foreach (var (name, value) in parameters)
        {
            html.Append($"""<input type="hidden" name="{Encode(name)}" value="{Encode(value)}">""");
        }

        html.Append($"""<input type="hidden" name="{OpenIdConnect.EndSessionEndpoint.ConfirmField}" value="yes">""")
            .Append("""<button type="submit">Sign out</button></form>""");
        return Page("Sign out", html.ToString());
    }

    public static ContentHttpResult Message(string title, string text) =>
        Page(title, $"<h1>{Encode(title)}</h1><p>{Encode(text)}</p>");

    private static ContentHttpResult Page(string title, string main, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · TrainingProgram</title>
            <style>
            body {"{"} font-family: system-ui, sans-serif; line-height: 1.5; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; {"}"}
            label, button {"{"} display: block; margin-top: 1rem; {"}"}
            input {"{"} width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; {"}"}
            button {"{"} padding: .5rem 1.5rem; font-size: 1rem; {"}"}
            .error {"{"} color: #a4000f; border: 2px solid currentColor; padding: .5rem; {"}"}
            </style>
            </head>
            <body><main>{main}</main></body>
            </html>
            """,
            "text/html; charset=utf-8",
            statusCode: statusCode);

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
