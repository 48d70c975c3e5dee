using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TrainingProgram.Testing.SignIn;

/// <summary>
/// One authorization code request of the public client trainingprogram-web: a fresh state and, unless left out on
/// purpose, a PKCE verifier with its S256 challenge (RFC 7636).
/// </summary>
/// <param name="Scope">The scopes asked for.</param>
/// <param name="State">The value the provider must send back unchanged.</param>
/// <param name="CodeVerifier">The PKCE secret; null for a request without PKCE (which the provider refuses).</param>
public sealed record AuthorizationRequest(string Scope, string State, string? CodeVerifier)
{
    /// <summary>A request with a fresh state and PKCE verifier.</summary>
    public static AuthorizationRequest Create(string scope = IdentityProvider.PersonScopes) =>
        new(scope, RandomText(), RandomText());

    /// <summary>The same request without code_challenge: the provider must refuse it.</summary>
    public AuthorizationRequest WithoutPkce() => this with { CodeVerifier = null };

    /// <summary>The /connect/authorize URL of this request at <paramref name="authority"/>.</summary>
    public Uri AuthorizeUrl(Uri authority)
    {
        var query = new Dictionary<string, string>
        {
            ["client_id"] = IdentityProvider.WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = IdentityProvider.RedirectUri.AbsoluteUri,
            ["scope"] = Scope,
            ["state"] = State,
        };
        if (CodeVerifier is not null)
        {
            query["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));
            query["code_challenge_method"] = "S256";
        }

        return new Uri(authority, "/connect/authorize?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    }

    private static string RandomText() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
