using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// Guessing is slowed per account and source, and nobody can lock a student out. Sources are told apart by the
/// X-Forwarded-For a trusted proxy adds (<see cref="TrustedProxyApp"/>); each test uses addresses of its own (RFC 5737 ranges).
/// </summary>
[Collection(TrustedProxyTopology.Name)]
public sealed class SignInThrottleTests(TrustedProxyApp topology)
{
    /// <summary>More attempts than the free ones of one source on one account.</summary>
    private const int Attempts = 12;

    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    [Fact]
    public async Task A_stranger_guessing_a_students_password_does_not_keep_the_student_out()
    {
        var student = await topology.CreateStudentAsync();
        using var stranger = BrowserFrom(NewSource());
        for (var i = 0; i < Attempts; i++)
        {
            Assert.Null((await Tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password + "-guess" + i))).Code);
        }

        using var own = BrowserFrom(NewSource());
        var outcome = await Tokens.AuthorizeAsync(own, AuthorizationRequest.Create(), (student.StudentNumber, student.Password));

        Assert.True(outcome.Code is not null, outcome.ToString());
    }

    [Fact]
    public async Task Wrong_passwords_from_one_source_are_soon_answered_429_without_a_check()
    {
        var student = await topology.CreateStudentAsync();
        using var stranger = BrowserFrom(NewSource());

        var outcomes = new List<AuthorizationOutcome>();
        for (var i = 0; i < Attempts; i++)
        {
            outcomes.Add(await Tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password + "-guess" + i)));
        }

        var slowed = outcomes.FirstOrDefault(outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests);
        Assert.True(slowed is not null, string.Join(Environment.NewLine, outcomes));
        Assert.Contains("Too many attempts", slowed.Page, StringComparison.Ordinal);

        // The right password from the same source waits too: the throttle does not tell right from wrong.
        var right = await Tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.PageStatus);
    }

    [Fact]
    public async Task An_unknown_user_name_is_slowed_like_a_known_one()
    {
        using var stranger = BrowserFrom(NewSource());
        var userName = UniqueNames.StudentNumber();

        var outcomes = new List<AuthorizationOutcome>();
        for (var i = 0; i < Attempts; i++)
        {
            outcomes.Add(await Tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (userName, "a-password-guess-" + i)));
        }

        Assert.Contains(outcomes, outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests);
        Assert.All(outcomes, outcome => Assert.Null(outcome.Code));
    }

    [Fact]
    public async Task Wrong_client_secrets_from_one_source_are_soon_429_with_retry_after_and_the_client_still_gets_tokens_elsewhere()
    {
        var source = NewSource();
        HttpResponseMessage? slowed = null;
        for (var i = 0; i < Attempts && slowed is null; i++)
        {
            var response = await ClientCredentialsFromAsync(source, Tokens.OperationsClientSecret + "-guess" + i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                slowed = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(slowed);
        using (slowed)
        {
            Assert.True(slowed.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {slowed.Headers.RetryAfter}");
            Assert.Equal("application/problem+json", slowed.Content.Headers.ContentType?.MediaType);
        }

        using var elsewhere = await ClientCredentialsFromAsync(NewSource(), Tokens.OperationsClientSecret);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Theory]
    [InlineData("/connect/token/")]
    [InlineData("/CONNECT/Token")]
    public async Task Wrong_client_secrets_on_another_spelling_of_the_token_path_are_slowed_the_same(string path)
    {
        var source = NewSource();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Attempts && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await ClientCredentialsFromAsync(source, Tokens.OperationsClientSecret + "-guess" + i, path);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
            }
        }

        Assert.True(statuses.Contains(HttpStatusCode.TooManyRequests), string.Join(", ", statuses));
        using var right = await ClientCredentialsFromAsync(NewSource(), Tokens.OperationsClientSecret, path);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Signing_in_to_an_own_account_does_not_reset_the_sources_count_over_all_accounts()
    {
        var own = await topology.CreateStudentAsync();
        var source = NewSource();
        var outcomes = new List<AuthorizationOutcome>();
        for (var i = 0; i < 60 && !outcomes.Any(outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests); i++)
        {
            if (i > 0 && i % 15 == 0)
            {
                using var ownBrowser = BrowserFrom(source);
                var signedIn = await Tokens.AuthorizeAsync(ownBrowser, AuthorizationRequest.Create(), (own.StudentNumber, own.Password));
                Assert.True(signedIn.Code is not null, signedIn.ToString());
            }

            using var browser = BrowserFrom(source);
            outcomes.Add(await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), (UniqueNames.StudentNumber(), "a-password-guess-" + i)));
        }

        var slowed = outcomes.FindIndex(outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests);
        Assert.True(slowed is >= 0 and <= 20, $"first 429 at attempt {slowed} of {outcomes.Count}");
    }

    /// <summary>
    /// People's passwords and machines' secrets are counted apart per source: a stranger spraying wrong passwords from
    /// an address (say, the one all clients share behind a proxy) does not hold the operations client back there.
    /// </summary>
    [Fact]
    public async Task A_sources_wrong_passwords_do_not_hold_the_machine_client_back_from_that_source()
    {
        var source = NewSource();
        var outcomes = new List<AuthorizationOutcome>();
        for (var i = 0; i < 40 && !outcomes.Any(outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests); i++)
        {
            using var browser = BrowserFrom(source);
            outcomes.Add(await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), (UniqueNames.StudentNumber(), "a-password-guess-" + i)));
        }

        Assert.Contains(outcomes, outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests);
        using var machine = await ClientCredentialsFromAsync(source, Tokens.OperationsClientSecret);
        Assert.Equal(HttpStatusCode.OK, machine.StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_are_slowed_like_wrong_sign_ins_and_change_nothing()
    {
        var student = await topology.CreateStudentAsync();
        var token = await Tokens.GetStudentTokenAsync(student.StudentNumber, student.Password);
        var source = NewSource();

        HttpResponseMessage? slowed = null;
        for (var i = 0; i < Attempts && slowed is null; i++)
        {
            var response = await ChangeOwnPasswordFromAsync(source, token, student.Password + "-guess" + i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                slowed = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(slowed);
        using (slowed)
        {
            await ProblemAssert.IsProblemAsync(slowed, HttpStatusCode.TooManyRequests, "too-many-attempts");
            Assert.True(slowed.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {slowed.Headers.RetryAfter}");
        }

        // The right current password from that source waits too, and the password stays as it was.
        using (var right = await ChangeOwnPasswordFromAsync(source, token, student.Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        }

        using var own = BrowserFrom(NewSource());
        var outcome = await Tokens.AuthorizeAsync(own, AuthorizationRequest.Create(), (student.StudentNumber, student.Password));
        Assert.True(outcome.Code is not null, outcome.ToString());
    }

    [Fact]
    public async Task A_stranger_failing_from_a_hundred_addresses_does_not_keep_a_student_out_of_a_device_they_signed_in_on()
    {
        var student = await topology.CreateStudentAsync();
        var devices = new CookieContainer();
        using (var first = BrowserFrom(NewSource(), devices))
        {
            Assert.NotNull((await Tokens.AuthorizeAsync(first, AuthorizationRequest.Create(), (student.StudentNumber, student.Password))).Code);
        }

        for (var i = 0; i < 105; i++)
        {
            using var stranger = BrowserFrom(NewSource());
            var guess = await Tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password + "-guess" + i));
            Assert.Null(guess.Code);
        }

        // The same device on an address the account never signed in from, without its sign-in session.
        using var later = BrowserFrom(NewSource(), DeviceCookiesOf(devices));
        var outcome = await Tokens.AuthorizeAsync(later, AuthorizationRequest.Create(), (student.StudentNumber, student.Password));

        Assert.True(outcome.Code is not null, outcome.ToString());
    }

    private async Task<HttpResponseMessage> ChangeOwnPasswordFromAsync(string source, string accessToken, string currentPassword)
    {
        using var http = new HttpClient { BaseAddress = Tokens.Authority, Timeout = TestTimeouts.Outcome };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", source);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.PutAsJsonAsync("/accounts/me/password", new { currentPassword, newPassword = UniqueNames.Password() }, TestContext.Current.CancellationToken);
    }

    /// <summary>The device cookies of a browser's jar, without its sign-in session.</summary>
    internal static CookieContainer DeviceCookiesOf(CookieContainer jar)
    {
        var devices = new CookieContainer();
        var found = jar.GetAllCookies().Where(cookie => cookie.Name.StartsWith("tp.device", StringComparison.Ordinal)).ToList();
        found.ForEach(devices.Add);
        return devices;
    }

    private async Task<HttpResponseMessage> ClientCredentialsFromAsync(string source, string secret, string path = "/connect/token")
    {
        using var http = new HttpClient { BaseAddress = Tokens.Authority, Timeout = TestTimeouts.Outcome };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", source);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = IdentityProvider.OperationsClientId,
            ["client_secret"] = secret,
            ["scope"] = IdentityProvider.ApiScopes,
        });
        return await http.PostAsync(path, form, TestContext.Current.CancellationToken);
    }

    private HttpClient BrowserFrom(string source, CookieContainer? cookies = null)
    {
        var browser = cookies is null
            ? Tokens.CreateBrowser()
            : new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = Tokens.Authority, Timeout = TestTimeouts.Outcome };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", source);
        return browser;
    }

    /// <summary>An address of TEST-NET-2 or TEST-NET-3 no other test of this run uses (with overwhelming likelihood).</summary>
    internal static string NewSource()
    {
        var bytes = RandomNumberGenerator.GetBytes(2);
        return $"{(bytes[0] % 2 == 0 ? "198.51.100" : "203.0.113")}.{bytes[1]}";
    }
}
