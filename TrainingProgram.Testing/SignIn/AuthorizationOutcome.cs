using System.Collections.Specialized;
using System.Net;
using System.Web;

namespace TrainingProgram.Testing.SignIn;

/// <summary>
/// Where the browser ended after an authorization request: at the client's redirect URI (with a code, or an error),
/// or on a page of the provider: the login page again (its HTML says why), or an error the provider would not send
/// to an unverified redirect URI.
/// </summary>
/// <param name="Callback">The redirect URI reached, with its query; null when the browser stayed on a page.</param>
/// <param name="PageStatus">The status of the page it stayed on.</param>
/// <param name="Page">The HTML of the page it stayed on.</param>
public sealed record AuthorizationOutcome(Uri? Callback, HttpStatusCode? PageStatus = null, string? Page = null)
{
    private NameValueCollection Query => HttpUtility.ParseQueryString(Callback?.Query ?? "");

    /// <summary>The authorization code, when the provider granted one.</summary>
    public string? Code => Query["code"];

    /// <summary>The OAuth error sent to the redirect URI, if any.</summary>
    public string? Error => Query["error"];

    /// <summary>The state sent back.</summary>
    public string? State => Query["state"];

    /// <inheritdoc />
    public override string ToString() =>
        Callback is not null ? $"redirected to {Callback}" : $"stayed on a page of the provider ({(int?)PageStatus}): {Page}";
}
