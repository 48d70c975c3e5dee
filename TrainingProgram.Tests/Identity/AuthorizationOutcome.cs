using System.Collections.Specialized;
using System.Net;
using System.Web;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// Where the browser ended after an authorization request: at the client's redirect URI (with a code, or an error),
/// or on a page of the provider: the login page again (its HTML says why), or an error the provider would not send
/// to an unverified redirect URI.
/// </summary>
public sealed record AuthorizationOutcome(Uri? Callback, HttpStatusCode? PageStatus = null, string? Page = null)
{
    private NameValueCollection Query => HttpUtility.ParseQueryString(Callback?.Query ?? "");

    public string? Code => Query["code"];

    public string? Error => Query["error"];

    public string? State => Query["state"];

    public override string ToString() =>
        Callback is not null ? $"redirected to {Callback}" : $"stayed on a page of the provider ({(int?)PageStatus}): {Page}";
}
