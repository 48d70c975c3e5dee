using System.Net;
using System.Security.Cryptography;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// Guessing is slowed per account and source, and nobody can lock a student out. Sources are told apart by the
/// X-Forwarded-For a trusted (here: loopback) proxy adds; each test uses addresses of its own (RFC 5737 ranges).
/// </summary>
public sealed class SignInThrottleTests(TrainingProgramApp topology) : IAsyncLifetime
{
    /// <summary>More attempts than the free ones of one source on one account.</summary>
    private const int Attempts = 12;

    private IdentityProvider _tokens = null!;

    public async ValueTask InitializeAsync() => _tokens = await IdentityProvider.ForAsync(topology.App);

    public ValueTask DisposeAsync()
    {
        _tokens.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_stranger_guessing_a_students_password_does_not_keep_the_student_out()
    {
        var student = await topology.CreateStudentAsync();
        using var stranger = BrowserFrom(NewSource());
        for (var i = 0; i < Attempts; i++)
        {
            Assert.Null((await _tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password + "-guess" + i))).Code);
        }

        using var own = BrowserFrom(NewSource());
        var outcome = await _tokens.AuthorizeAsync(own, AuthorizationRequest.Create(), (student.StudentNumber, student.Password));

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
            outcomes.Add(await _tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password + "-guess" + i)));
        }

        var slowed = outcomes.FirstOrDefault(outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests);
        Assert.True(slowed is not null, string.Join(Environment.NewLine, outcomes));
        Assert.Contains("Too many attempts", slowed.Page, StringComparison.Ordinal);

        // The right password from the same source waits too: the throttle does not tell right from wrong.
        var right = await _tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password));
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
            outcomes.Add(await _tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (userName, "a-password-guess-" + i)));
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
            var response = await ClientCredentialsFromAsync(source, _tokens.OperationsClientSecret + "-guess" + i);
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

        using var elsewhere = await ClientCredentialsFromAsync(NewSource(), _tokens.OperationsClientSecret);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    private async Task<HttpResponseMessage> ClientCredentialsFromAsync(string source, string secret)
    {
        using var http = new HttpClient { BaseAddress = _tokens.Authority, Timeout = TestTimeouts.Outcome };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", source);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = IdentityProvider.OperationsClientId,
            ["client_secret"] = secret,
            ["scope"] = IdentityProvider.ApiScopes,
        });
        return await http.PostAsync("/connect/token", form, TestContext.Current.CancellationToken);
    }

    private HttpClient BrowserFrom(string source)
    {
        var browser = _tokens.CreateBrowser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", source);
        return browser;
    }

    /// <summary>An address of TEST-NET-2 or TEST-NET-3 no other test of this run uses (with overwhelming likelihood).</summary>
    private static string NewSource()
    {
        var bytes = RandomNumberGenerator.GetBytes(2);
        return $"{(bytes[0] % 2 == 0 ? "198.51.100" : "203.0.113")}.{bytes[1]}";
    }
}
