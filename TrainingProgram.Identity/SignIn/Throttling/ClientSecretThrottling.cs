using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using TrainingProgram.Identity.Problems;

namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// Token requests that carry a client secret (the confidential client's) get the login page's limits, before
/// OpenIddict hashes the secret: a source guessing waits (429), a saturated replica answers 503, both with Retry-After.
/// </summary>
public static class ClientSecretThrottling
{
    public static WebApplication UseClientSecretThrottling(this WebApplication app)
    {
        var tokenEndpoints = app.Services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value.TokenEndpointUris;
        app.UseWhen(
            http => HttpMethods.IsPost(http.Request.Method) && tokenEndpoints.Any(uri => IsEndpoint(http.Request, uri)),
            branch => branch.Use(ThrottleAsync));
        return app;
    }

    /// <summary>
    /// Whether OpenIddict's ASP.NET Core host treats the request as this endpoint: it compares paths ignoring case and
    /// one trailing slash (so does routing). Anything narrower lets <c>/connect/token/</c> past these limits.
    /// </summary>
    public static bool IsEndpoint(HttpRequest request, Uri endpoint)
    {
        // Any host: throttling one request too many is harmless, one too few is the bypass.
        var path = endpoint.IsAbsoluteUri
            ? PathString.FromUriComponent(endpoint)
            : new PathString("/" + endpoint.OriginalString.TrimStart('/'));
        var requested = request.PathBase.Add(request.Path);
        return requested.Equals(path, StringComparison.OrdinalIgnoreCase)
            || requested.Equals(path + "/", StringComparison.OrdinalIgnoreCase)
            || path.Equals(requested + "/", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task ThrottleAsync(HttpContext http, RequestDelegate next)
    {
        if (await ClientWithSecretAsync(http) is not { } clientId)
        {
            await next(http);
            return;
        }

        var throttle = http.RequestServices.GetRequiredService<SignInThrottle>();
        var (subject, source) = (SignInThrottle.ClientSubject(clientId), SignInThrottle.SourceOf(http));
        if (await throttle.WaitBeforeAttemptAsync(subject, source, http.RequestAborted) is { } wait)
        {
            await ThrottleProblems.TooManyAttempts(http.Response, wait, "Too many failed attempts for this client from this address.").ExecuteAsync(http);
            return;
        }

        using (var lease = await http.RequestServices.GetRequiredService<PasswordCheckLimiter>().TryAcquireAsync(http.RequestAborted))
        {
            if (lease is null)
            {
                await ThrottleProblems.Busy(http.Response, "The identity service is checking as many secrets as it can.").ExecuteAsync(http);
                return;
            }

            await next(http);
        }

        // OpenIddict answers a wrong secret with 401 invalid_client.
        if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            await throttle.RecordFailureAsync(subject, source, CancellationToken.None);
        }
        else if (http.Response.StatusCode == StatusCodes.Status200OK)
        {
            await throttle.RecordSuccessAsync(subject, source, CancellationToken.None);
        }
    }

    /// <summary>The client id of a request authenticated with a secret (HTTP Basic or the form), else null.</summary>
    private static async Task<string?> ClientWithSecretAsync(HttpContext http)
    {
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } credentials)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 ? Uri.UnescapeDataString(decoded[..colon]) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return form["client_secret"].Count > 0 && form["client_id"].ToString() is { Length: > 0 } clientId ? clientId : null;
        }
        catch (InvalidDataException)
        {
            // A form OpenIddict will refuse on its own terms.
            return null;
        }
    }
}
