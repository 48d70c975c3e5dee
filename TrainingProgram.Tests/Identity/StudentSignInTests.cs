using System.Net;
using System.Text.Json;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

public sealed class StudentSignInTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    [Fact]
    public async Task A_seeded_student_signs_in_with_code_and_pkce_and_gets_a_token_linked_to_their_student_record()
    {
        var tokens = await Tokens.SignInAsync("S1001", Tokens.StudentPassword);

        var access = Jwt.Parse(tokens.AccessToken);
        Assert.Equal(Tokens.Authority.AbsoluteUri, access.Claim("iss"));
        Assert.Equal(["student"], access.Claims("role"));
        Assert.Equal("S1001", access.Claim("student_number"));
        Assert.Equal("Ada Lovelace", access.Claim("name"));
        Assert.Equal("ada@example.edu", access.Claim("email"));
        Assert.False(string.IsNullOrEmpty(access.Claim("sub")));
        Assert.Equal(["enrollment-api", "notification-service"], access.Claims("aud").Order());
        Assert.NotNull(tokens.RefreshToken);

        var identity = Jwt.Parse(tokens.IdToken!);
        Assert.Equal(access.Claim("sub"), identity.Claim("sub"));
        Assert.Equal([IdentityProvider.WebClientId], identity.Claims("aud"));
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token_for_the_same_student()
    {
        var first = await Tokens.SignInAsync("S1002", Tokens.StudentPassword);

        var refreshed = await Tokens.RefreshAsync(first.RefreshToken!);

        var access = Jwt.Parse(refreshed.AccessToken);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Equal(Jwt.Parse(first.AccessToken).Claim("sub"), access.Claim("sub"));
        Assert.Equal("S1002", access.Claim("student_number"));
        Assert.Equal(["student"], access.Claims("role"));
    }

    [Fact]
    public async Task The_seeded_registrar_signs_in_as_a_person_with_role_registrar_and_no_student_number()
    {
        var tokens = await Tokens.SignInAsync("registrar", Tokens.RegistrarPassword);

        var access = Jwt.Parse(tokens.AccessToken);
        Assert.Equal(["registrar"], access.Claims("role"));
        Assert.Null(access.Claim("student_number"));
    }

    [Fact]
    public async Task A_wrong_password_gets_the_login_page_again_with_the_error_and_no_code()
    {
        var request = AuthorizationRequest.Create();

        var outcome = await Tokens.AuthorizeAsync("S1003", Tokens.StudentPassword + "-wrong", request);

        Assert.Null(outcome.Callback);
        Assert.Equal(HttpStatusCode.OK, outcome.PageStatus);
        Assert.Contains("<form method=\"post\" action=\"/account/login\">", outcome.Page, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\">The user name or password is incorrect.</p>", outcome.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorization_request_without_pkce_is_refused_before_anyone_signs_in()
    {
        var request = AuthorizationRequest.Create().WithoutPkce();

        var outcome = await Tokens.AuthorizeAsync("S1001", Tokens.StudentPassword, request);

        // Refused before the client and its redirect URI are checked, so the provider answers itself, redirecting nowhere.
        Assert.Null(outcome.Callback);
        Assert.Equal(HttpStatusCode.BadRequest, outcome.PageStatus);
        var problem = JsonDocument.Parse(outcome.Page!).RootElement;
        Assert.Equal("invalid_request", problem.GetProperty("error").GetString());
        Assert.Contains("code_challenge", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_code_challenge_is_refused()
    {
        var request = AuthorizationRequest.Create();
        var plain = new Uri(request.AuthorizeUrl(Tokens.Authority).AbsoluteUri.Replace("code_challenge_method=S256", "code_challenge_method=plain", StringComparison.Ordinal));
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TestTimeouts.Outcome };

        using var response = await browser.GetAsync(plain, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("code_challenge_method", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_redeemed_without_its_verifier_gets_no_token()
    {
        var request = AuthorizationRequest.Create();
        var outcome = await Tokens.AuthorizeAsync("S1001", Tokens.StudentPassword, request);
        Assert.NotNull(outcome.Code);

        using var response = await Tokens.PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = IdentityProvider.WebClientId,
            ["code"] = outcome.Code,
            ["redirect_uri"] = IdentityProvider.RedirectUri.AbsoluteUri,
            ["code_verifier"] = AuthorizationRequest.Create().CodeVerifier!,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
