using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// One authorization code request of the public client trainingprogram-web: a fresh state and, unless left out on
/// purpose, a PKCE verifier with its S256 challenge (RFC 7636).
/// </summary>
public sealed record AuthorizationRequest(string Scope, string State, string? CodeVerifier)
{
    public static AuthorizationRequest Create(string scope = IdentityTokens.PersonScopes) =>
        new(scope, RandomText(), RandomText());

    /// <summary>The same request without code_challenge: the provider must refuse it.</summary>
    public AuthorizationRequest WithoutPkce() => this with { CodeVerifier = null };

    public Uri AuthorizeUrl(Uri authority)
    {
        var query = new Dictionary<string, string>
        {
            ["client_id"] = IdentityTokens.WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = IdentityTokens.RedirectUri.AbsoluteUri,
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
