using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// Access tokens from the topology's identity provider, obtained the documented way (docs/identity.md), for any
/// test that has a started <see cref="DistributedApplication"/> of this AppHost:
/// <code>
/// var tokens = await IdentityTokens.ForAsync(app);
/// var registrar = await tokens.GetRegistrarTokenAsync();          // client credentials: role registrar
/// var student = await tokens.GetStudentTokenAsync("S1001");       // code + PKCE through the login page: role student
/// await tokens.CreateStudentAccountAsync("S2001", "a-password-of-12+", "Katherine Johnson", "katherine@example.edu");
/// var katherine = await tokens.GetStudentTokenAsync("S2001", "a-password-of-12+");
/// </code>
/// The secrets are the values of the AppHost's secret parameters, read from the app model as any
/// DistributedApplicationTestingBuilder user can (<see cref="ParameterResource.GetValueAsync(CancellationToken)"/>):
/// <c>operations-client-secret</c>, <c>student-password</c> (the seeded students S1001-S1003) and
/// <c>registrar-password</c> (the seeded user "registrar"). They are generated for each run unless the test passes
/// its own, e.g. <c>--Parameters:student-password=...</c> among the AppHost arguments; either way this reads the
/// value in force.
/// </summary>
public sealed partial class IdentityTokens : IDisposable
{
    public const string WebClientId = "trainingprogram-web";
    public const string OperationsClientId = "trainingprogram-operations";
    public const string ApiScopes = "enrollments notifications";
    public const string PersonScopes = "openid profile email roles offline_access " + ApiScopes;

    /// <summary>A loopback redirect URI registered for the web client; nothing listens there: the code is read from the redirect itself.</summary>
    public static readonly Uri RedirectUri = new("http://127.0.0.1/callback");

    private readonly HttpClient _http;

    private IdentityTokens(Uri authority, string operationsClientSecret, string studentPassword, string registrarPassword)
    {
        Authority = authority;
        OperationsClientSecret = operationsClientSecret;
        StudentPassword = studentPassword;
        RegistrarPassword = registrarPassword;
        _http = new HttpClient { BaseAddress = authority, Timeout = TestTimeouts.Outcome };
    }

    /// <summary>The identity resource's http endpoint: the issuer of every token.</summary>
    public Uri Authority { get; }

    public string OperationsClientSecret { get; }

    /// <summary>The password of the seeded students S1001, S1002 and S1003.</summary>
    public string StudentPassword { get; }

    /// <summary>The password of the seeded user "registrar".</summary>
    public string RegistrarPassword { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<IdentityTokens> ForAsync(DistributedApplication app) => new(
        app.GetEndpoint(TrainingProgramApp.Identity, "http"),
        await ParameterValueAsync(app, "operations-client-secret"),
        await ParameterValueAsync(app, "student-password"),
        await ParameterValueAsync(app, "registrar-password"));

    /// <summary>Client credentials of trainingprogram-operations: an access token with role registrar.</summary>
    public async Task<string> GetRegistrarTokenAsync(string scope = ApiScopes) => (await RequestClientCredentialsAsync(scope)).AccessToken;

    public async Task<TokenSet> RequestClientCredentialsAsync(string scope = ApiScopes)
    {
        using var response = await PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = OperationsClientId,
            ["client_secret"] = OperationsClientSecret,
            ["scope"] = scope,
        });
        return await ReadTokensAsync(response);
    }

    /// <summary>A student's access token: signs in with the student number as user name (default: the seeded students' password).</summary>
    public async Task<string> GetStudentTokenAsync(string studentNumber, string? password = null) =>
        (await SignInAsync(studentNumber, password ?? StudentPassword)).AccessToken;

    /// <summary>The authorization code flow with PKCE, as a browser would run it: authorize, log in, redeem the code.</summary>
    public async Task<TokenSet> SignInAsync(string userName, string password, string scope = PersonScopes)
    {
        var request = AuthorizationRequest.Create(scope);
        var outcome = await AuthorizeAsync(userName, password, request);
        Assert.True(outcome.Code is not null, $"no code for {userName}: {outcome}");
        Assert.Equal(request.State, outcome.State);
        return await RedeemCodeAsync(outcome.Code, request);
    }

    /// <summary>
    /// Opens the authorization URL in a fresh browser session, logs in once on the login page when it is shown, and
    /// returns where the browser ended: the redirect URI, or the page it stopped at.
    /// </summary>
    public async Task<AuthorizationOutcome> AuthorizeAsync(string userName, string password, AuthorizationRequest request)
    {
        using var browser = CreateBrowser();
        return await AuthorizeAsync(browser, request, (userName, password));
    }

    /// <summary>
    /// The same in an existing browser session, whose sign-in cookie may make the login page unnecessary. Without
    /// credentials it stops at the login page when that is shown.
    /// </summary>
    public async Task<AuthorizationOutcome> AuthorizeAsync(HttpClient browser, AuthorizationRequest request, (string UserName, string Password)? credentials)
    {
        var response = await browser.GetAsync(request.AuthorizeUrl(Authority), Ct);
        var loggedIn = false;
        for (var step = 0; step < 10; step++)
        {
            using var current = response;
            if (current.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = new Uri(Authority, current.Headers.Location!);
                if (location.GetLeftPart(UriPartial.Path) == RedirectUri.AbsoluteUri)
                {
                    return new AuthorizationOutcome(location);
                }

                response = await browser.GetAsync(location, Ct);
                continue;
            }

            var html = await current.Content.ReadAsStringAsync(Ct);
            if (loggedIn || credentials is null || current.StatusCode != HttpStatusCode.OK || !LoginForm.IsMatch(html))
            {
                return new AuthorizationOutcome(null, current.StatusCode, html);
            }

            var antiforgery = AntiforgeryField.Match(html);
            response = await browser.PostAsync(LoginForm.Match(html).Groups["action"].Value, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [antiforgery.Groups["name"].Value] = WebUtility.HtmlDecode(antiforgery.Groups["value"].Value),
                ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField.Match(html).Groups["value"].Value),
                ["userName"] = credentials.Value.UserName,
                ["password"] = credentials.Value.Password,
            }), Ct);
            loggedIn = true;
        }

        throw new InvalidOperationException("The authorization request went round more than 10 redirects.");
    }

    /// <summary>A browser of its own: a cookie jar, and redirects left for the caller to follow.</summary>
    public HttpClient CreateBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Authority,
            Timeout = TestTimeouts.Outcome,
        };

    public async Task<TokenSet> RedeemCodeAsync(string code, AuthorizationRequest request)
    {
        using var response = await PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = WebClientId,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.AbsoluteUri,
            ["code_verifier"] = request.CodeVerifier ?? "",
        });
        return await ReadTokensAsync(response);
    }

    public async Task<TokenSet> RefreshAsync(string refreshToken)
    {
        using var response = await PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = WebClientId,
            ["refresh_token"] = refreshToken,
        });
        return await ReadTokensAsync(response);
    }

    public Task<HttpResponseMessage> PostTokenRequestAsync(IDictionary<string, string> form) =>
        _http.PostAsync("/connect/token", new FormUrlEncodedContent(form), Ct);

    /// <summary>POST /accounts/students with an optional bearer token, for tests of the endpoint's own rules.</summary>
    public async Task<HttpResponseMessage> PostStudentAccountAsync(object body, string? bearerToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/students") { Content = JsonContent.Create(body) };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await _http.SendAsync(request, Ct);
    }

    /// <summary>A sign-in account for a student record the test made through the Enrollment API (as a registrar).</summary>
    public async Task<StudentAccountJson> CreateStudentAccountAsync(string studentNumber, string password, string name, string email)
    {
        using var response = await PostStudentAccountAsync(new { studentNumber, password, name, email }, await GetRegistrarTokenAsync());
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<StudentAccountJson>(Ct))!;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string> ParameterValueAsync(DistributedApplication app, string name)
    {
        var parameter = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>()
            .Single(resource => resource.Name == name);
        return await parameter.GetValueAsync(Ct) ?? throw new InvalidOperationException($"Parameter {name} has no value.");
    }

    private static async Task<TokenSet> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token request: expected 200, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<TokenSet>(Ct))!;
    }

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]+)">""")]
    private static partial Regex LoginForm { get; }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]*)">""")]
    private static partial Regex AntiforgeryField { get; }

    [GeneratedRegex("""<input type="hidden" name="returnUrl" value="(?<value>[^"]*)">""")]
    private static partial Regex ReturnUrlField { get; }
}
