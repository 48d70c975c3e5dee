using System.Net.Http.Headers;

namespace TrainingProgram.Testing.SignIn;

/// <summary>Sends each request with the token <paramref name="accessToken"/> gives at that moment, unless it brings its own.</summary>
internal sealed class BearerTokenHandler(Func<CancellationToken, Task<string>> accessToken) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await accessToken(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
