using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingProgram.Testing.SignIn;

/// <summary>
/// The topology's identity provider, used the documented way (docs/identity.md): client credentials for the
/// registrar's operations client, and the authorization code flow with PKCE through the real login page for people.
/// The secrets are the values of the AppHost's secret parameters, read from the app model as any
/// DistributedApplicationTestingBuilder user can: <c>operations-client-secret</c>, <c>student-password</c> (the
/// seeded students S1001-S1003) and <c>registrar-password</c> (the seeded user "registrar").
/// </summary>
public sealed partial class IdentityProvider : IDisposable
{
    /// <summary>The public client that signs people in (code + PKCE).</summary>
    public const string WebClientId = "trainingprogram-web";

    /// <summary>The confidential client whose tokens act as a registrar (client credentials).</summary>
    public const string OperationsClientId = "trainingprogram-operations";

    /// <summary>The two services' scopes.</summary>
    public const string ApiScopes = "enrollments notifications";

    /// <summary>What a person's sign-in asks for: identity, a refresh token and both services.</summary>
    public const string PersonScopes = "openid profile email roles offline_access " + ApiScopes;

    /// <summary>A loopback redirect URI registered for the web client; nothing listens there: the code is read from the redirect itself.</summary>
    public static readonly Uri RedirectUri = new("http://127.0.0.1/callback");

    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;

    private IdentityProvider(Uri authority, string operationsClientSecret, string studentPassword, string registrarPassword, TimeSpan requestTimeout)
    {
        Authority = authority;
        OperationsClientSecret = operationsClientSecret;
        StudentPassword = studentPassword;
        RegistrarPassword = registrarPassword;
        _requestTimeout = requestTimeout;
        _http = new HttpClient { BaseAddress = authority, Timeout = requestTimeout };
    }

    /// <summary>The identity resource's http endpoint: the issuer of every token.</summary>
    public Uri Authority { get; }

    /// <summary>The secret of <see cref="OperationsClientId"/> in force for this run.</summary>
    public string OperationsClientSecret { get; }

    /// <summary>The password of the seeded students S1001, S1002 and S1003.</summary>
    public string StudentPassword { get; }

    /// <summary>The password of the seeded user "registrar".</summary>
    public string RegistrarPassword { get; }

    private static CancellationToken Ct => TestCancellation.Current;

    /// <summary>The identity provider of a started app of this AppHost.</summary>
    public static async Task<IdentityProvider> ForAsync(DistributedApplication app, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new(
            app.GetEndpoint(ResourceNames.Identity, "http"),
            await ParameterValueAsync(app, "operations-client-secret"),
            await ParameterValueAsync(app, "student-password"),
            await ParameterValueAsync(app, "registrar-password"),
            requestTimeout ?? TopologyTimeouts.Default.Outcome);
    }

    /// <summary>Client credentials of trainingprogram-operations: an access token with role registrar.</summary>
    public async Task<string> GetRegistrarTokenAsync(string scope = ApiScopes) => (await RequestClientCredentialsAsync(scope)).AccessToken;

    /// <summary>The token endpoint's whole answer to a client credentials request.</summary>
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
    /// <exception cref="TopologyExpectationException">The provider gave no code (wrong password, locked account...): the message has the page.</exception>
    public async Task<TokenSet> SignInAsync(string userName, string password, string scope = PersonScopes)
    {
        var request = AuthorizationRequest.Create(scope);
        var outcome = await AuthorizeAsync(userName, password, request);
        if (outcome.Code is null || outcome.State != request.State)
        {
            throw new TopologyExpectationException($"Signing in as {userName} gave no authorization code: {outcome}");
        }

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
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(request);
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
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [antiforgery.Groups["name"].Value] = WebUtility.HtmlDecode(antiforgery.Groups["value"].Value),
                ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField.Match(html).Groups["value"].Value),
                ["userName"] = credentials.Value.UserName,
                ["password"] = credentials.Value.Password,
            });
            response = await browser.PostAsync(LoginForm.Match(html).Groups["action"].Value, form, Ct);
            loggedIn = true;
        }

        throw new TopologyExpectationException("The authorization request went round more than 10 redirects.");
    }

    /// <summary>A browser of its own: a cookie jar, and redirects left for the caller to follow.</summary>
    public HttpClient CreateBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Authority,
            Timeout = _requestTimeout,
        };

    /// <summary>Redeems an authorization code for tokens.</summary>
    public async Task<TokenSet> RedeemCodeAsync(string code, AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
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

    /// <summary>A new access token (and refresh token) for a refresh token.</summary>
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

    /// <summary>POST /connect/token with any form, for tests of the endpoint's own rules.</summary>
    public async Task<HttpResponseMessage> PostTokenRequestAsync(IDictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync("/connect/token", content, Ct);
    }

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

    /// <summary>
    /// A sign-in account (created by a registrar) for the student record <paramref name="studentId"/> of the Enrollment
    /// API, which must exist: the account takes its student number (the user name), name and email.
    /// </summary>
    /// <exception cref="TopologyExpectationException">The provider did not answer 201 Created.</exception>
    public async Task<StudentAccount> CreateStudentAccountAsync(Guid studentId, string password)
    {
        using var response = await PostStudentAccountAsync(new { studentId, password }, await GetRegistrarTokenAsync());
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new TopologyExpectationException($"Creating the account of student record {studentId}: expected 201, got {(int)response.StatusCode}: {body}");
        }

        return (await response.Content.ReadFromJsonAsync<StudentAccount>(Ct))!;
    }

    /// <inheritdoc />
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
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new TopologyExpectationException($"Token request: expected 200, got {(int)response.StatusCode}: {body}");
        }

        return (await response.Content.ReadFromJsonAsync<TokenSet>(Ct))!;
    }

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]+)">""")]
    private static partial Regex LoginForm { get; }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]*)">""")]
    private static partial Regex AntiforgeryField { get; }

    [GeneratedRegex("""<input type="hidden" name="returnUrl" value="(?<value>[^"]*)">""")]
    private static partial Regex ReturnUrlField { get; }
}
