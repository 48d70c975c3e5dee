using System.Net;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// On the shared topology no proxy is trusted (the default): every test client arrives from loopback, and what it
/// writes in X-Forwarded-For does not make it another source.
/// </summary>
public sealed class ForwardedForTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    [Fact]
    public async Task A_stranger_spoofing_a_new_address_per_guess_is_one_source_and_the_student_still_signs_in_on_their_device()
    {
        var student = await topology.CreateStudentAsync();
        var devices = new CookieContainer();
        using (var first = Browser(devices))
        {
            Assert.NotNull((await Tokens.AuthorizeAsync(first, AuthorizationRequest.Create(), (student.StudentNumber, student.Password))).Code);
        }

        var outcomes = new List<AuthorizationOutcome>();
        for (var i = 0; i < 105; i++)
        {
            using var stranger = Browser(new CookieContainer(), SignInThrottleTests.NewSource());
            outcomes.Add(await Tokens.AuthorizeAsync(stranger, AuthorizationRequest.Create(), (student.StudentNumber, student.Password + "-guess" + i)));
            if (i == 10)
            {
                // Loopback's one source on this account has used its free failures: the addresses were not believed.
                Assert.True(outcomes.Any(outcome => outcome.PageStatus == HttpStatusCode.TooManyRequests), string.Join(Environment.NewLine, outcomes));
            }
        }

        Assert.All(outcomes, outcome => Assert.Null(outcome.Code));
        using var later = Browser(SignInThrottleTests.DeviceCookiesOf(devices), SignInThrottleTests.NewSource());
        var outcome = await Tokens.AuthorizeAsync(later, AuthorizationRequest.Create(), (student.StudentNumber, student.Password));

        Assert.True(outcome.Code is not null, outcome.ToString());
    }

    private HttpClient Browser(CookieContainer cookies, string? forwardedFor = null)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        {
            BaseAddress = Tokens.Authority,
            Timeout = TestTimeouts.Outcome,
        };
        if (forwardedFor is not null)
        {
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return browser;
    }
}
