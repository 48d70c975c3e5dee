using System.Net;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>Which pages of other origins may call the provider with fetch(): the Enrollment API's Scalar page, on the token endpoint.</summary>
public sealed class BrowserCorsTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    private string ScalarOrigin => topology.App.GetEndpoint(ResourceNames.EnrollmentApi, "http").GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task The_token_endpoint_allows_the_enrollment_apis_origin()
    {
        using var preflight = await PreflightAsync("/connect/token", ScalarOrigin);

        Assert.Equal(ScalarOrigin, AllowedOrigin(preflight));
    }

    [Fact]
    public async Task Another_loopback_origin_may_not_call_the_token_endpoint()
    {
        using var preflight = await PreflightAsync("/connect/token", "http://127.0.0.1:4711");

        Assert.Null(AllowedOrigin(preflight));
    }

    [Fact]
    public async Task The_login_page_and_the_authorization_endpoint_allow_no_other_origin()
    {
        foreach (var path in new[] { "/account/login", "/connect/authorize", "/connect/endsession" })
        {
            using var preflight = await PreflightAsync(path, ScalarOrigin);

            Assert.True(AllowedOrigin(preflight) is null, $"{path} allows {ScalarOrigin}");
        }
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin)
    {
        using var http = new HttpClient { BaseAddress = Tokens.Authority, Timeout = TestTimeouts.Outcome };
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
}
