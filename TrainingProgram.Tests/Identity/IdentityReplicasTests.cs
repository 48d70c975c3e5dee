using System.Net.Http.Json;
using System.Text.Json;
using TrainingProgram.Tests.Infrastructure;
using TrainingProgram.Tests.Pipeline;

namespace TrainingProgram.Tests.Identity;

/// <summary>Two replicas of the identity provider behind one address, as <c>--Replicas:identity=2</c> runs them.</summary>
[Collection(ScaleOutTopology.Name)]
public sealed class IdentityReplicasTests(ScaleOutApp app) : IAsyncLifetime
{
    /// <summary>Enough new connections that the proxy, which spreads connections over the replicas, reaches both.</summary>
    private const int Connections = 12;

    private IdentityProvider _tokens = null!;

    public async ValueTask InitializeAsync() => _tokens = await IdentityProvider.ForAsync(app.App);

    public ValueTask DisposeAsync()
    {
        _tokens.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Both_replicas_publish_the_same_keys_and_every_token_verifies_with_them()
    {
        var keySets = new List<string>();
        for (var i = 0; i < Connections; i++)
        {
            using var http = NewConnection();
            keySets.Add((await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks", TestContext.Current.CancellationToken)).GetRawText());
        }

        Assert.Single(keySets.Distinct(StringComparer.Ordinal));
        var jwks = JsonDocument.Parse(keySets[0]).RootElement;
        for (var i = 0; i < Connections; i++)
        {
            Assert.True(Jwt.Parse(await _tokens.GetRegistrarTokenAsync()).IsSignedByKeyIn(jwks));
        }
    }

    [Fact]
    public async Task A_sign_in_whose_requests_land_on_either_replica_still_gets_a_token()
    {
        for (var i = 0; i < Connections / 2; i++)
        {
            using var browser = new HttpClient(new NewConnectionPerRequest(new HttpClientHandler
            {
                AllowAutoRedirect = false,
                CookieContainer = new System.Net.CookieContainer(),
            }))
            {
                BaseAddress = _tokens.Authority,
                Timeout = TestTimeouts.Outcome,
            };
            var request = AuthorizationRequest.Create();

            var outcome = await _tokens.AuthorizeAsync(browser, request, ("S1002", _tokens.StudentPassword));

            Assert.True(outcome.Code is not null, outcome.ToString());
            var tokens = await _tokens.RedeemCodeAsync(outcome.Code, request);
            Assert.Equal("S1002", Jwt.Parse((await _tokens.RefreshAsync(tokens.RefreshToken!)).AccessToken).Claim("student_number"));
        }
    }

    private HttpClient NewConnection() =>
        new(new NewConnectionPerRequest(new HttpClientHandler())) { BaseAddress = _tokens.Authority, Timeout = TestTimeouts.Outcome };

    /// <summary>Connection: close on every request, so that each one may reach the other replica.</summary>
    private sealed class NewConnectionPerRequest(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.ConnectionClose = true;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
