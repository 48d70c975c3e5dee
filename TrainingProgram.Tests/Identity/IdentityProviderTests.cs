using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

public sealed class IdentityProviderTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    [Fact]
    public async Task The_discovery_document_names_the_issuer_the_endpoints_and_what_is_supported()
    {
        using var http = topology.CreateRegistrarClient(ResourceNames.Identity);

        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        var issuer = Tokens.Authority.AbsoluteUri;
        Assert.Equal(issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "connect/endsession", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(issuer + ".well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(discovery, "grant_types_supported").Order());
        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Superset(
            new HashSet<string> { "openid", "profile", "email", "roles", "offline_access", "enrollments", "notifications" },
            Strings(discovery, "scopes_supported").ToHashSet());
        Assert.Contains("student_number", Strings(discovery, "claims_supported"));
    }

    [Fact]
    public async Task The_key_set_publishes_the_public_signing_key_and_nothing_private()
    {
        var jwks = await GetKeySetAsync();

        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.False(key.TryGetProperty("d", out _), "a private key part is published");
        });
    }

    [Fact]
    public async Task A_client_credentials_token_is_a_signed_jwt_for_both_apis_with_role_registrar()
    {
        var tokens = await Tokens.RequestClientCredentialsAsync();

        var jwt = Jwt.Parse(tokens.AccessToken);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal("at+jwt", jwt.Header.GetProperty("typ").GetString());
        Assert.True(jwt.IsSignedByKeyIn(await GetKeySetAsync()), "the signature does not verify with the published key set");
        Assert.Equal(Tokens.Authority.AbsoluteUri, jwt.Claim("iss"));
        Assert.Equal(["enrollment-api", "notification-service"], jwt.Claims("aud").Order());
        Assert.Equal(["registrar"], jwt.Claims("role"));
        Assert.Equal(IdentityProvider.OperationsClientId, jwt.Claim("sub"));
        Assert.Equal(IdentityProvider.OperationsClientId, jwt.Claim("client_id"));
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ExpiresAt - jwt.IssuedAt);
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        using var response = await Tokens.PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = IdentityProvider.OperationsClientId,
            ["client_secret"] = Tokens.OperationsClientSecret + "x",
            ["scope"] = IdentityProvider.ApiScopes,
        });

        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
        Assert.False(error.TryGetProperty("access_token", out _));
    }

    private async Task<JsonElement> GetKeySetAsync()
    {
        using var http = topology.CreateRegistrarClient(ResourceNames.Identity);
        return await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks", TestContext.Current.CancellationToken);
    }

    private static string[] Strings(JsonElement document, string property) =>
        [.. document.GetProperty(property).EnumerateArray().Select(item => item.GetString()!)];
}
