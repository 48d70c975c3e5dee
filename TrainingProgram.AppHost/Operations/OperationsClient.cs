using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.AppHost.Operations;

/// <summary>
/// Calls a service's operator endpoints the way any operator tool would: a client-credentials token from the identity
/// provider (client trainingprogram-operations, role registrar), then the request. Answers the "count" of the reply.
/// </summary>
internal sealed class OperationsClient(EndpointReference service, EndpointReference identity, ParameterResource clientSecret)
{
    private const string ClientId = "trainingprogram-operations";
    private const string Scopes = "enrollments notifications";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<int> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout };
        var token = await TokenAsync(http, cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(service.Url), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var reply = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return reply.GetProperty("count").GetInt32();
    }

    private async Task<string> TokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var secret = await clientSecret.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter {clientSecret.Name} has no value.");
        using var response = await http.PostAsync(new Uri(new Uri(identity.Url), "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = secret,
            ["scope"] = Scopes,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The identity provider refused the operations client ({(int)response.StatusCode}).");
        }

        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return tokens.GetProperty("access_token").GetString()!;
    }
}
