using System.Net.Http.Headers;

namespace TrainingProgram.Tests.Identity;

/// <summary>Sends every request with an access token, unless the request brings its own Authorization header.</summary>
public sealed class BearerTokenHandler(Func<CancellationToken, Task<string>> accessToken) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await accessToken(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
