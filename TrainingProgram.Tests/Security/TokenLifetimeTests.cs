using System.Net;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;
using TrainingProgram.Tests.Pipeline;

namespace TrainingProgram.Tests.Security;

[Collection(ScaleOutTopology.Name)]
public sealed class TokenLifetimeTests(ScaleOutApp app)
{
    [Fact]
    public async Task An_expired_token_is_401_and_says_so()
    {
        var token = await app.Identity.GetRegistrarTokenAsync();
        using var http = app.CreateClient(ResourceNames.EnrollmentApi, token);
        using (var fresh = await http.GetAsync("/courses", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        await Eventually.Until(
            async ct =>
            {
                using var response = await http.GetAsync("/courses", ct);
                return response.StatusCode;
            },
            status => status == HttpStatusCode.Unauthorized,
            "the token to expire",
            ScaleOutApp.AccessTokenLifetime * 5);

        using var expired = await http.GetAsync("/courses", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(expired, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("expired", expired.Headers.WwwAuthenticate.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
