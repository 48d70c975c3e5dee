using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingProgram.Soak;

/// <summary>Queue depths from the management HTTP API of the `messaging` resource, as its credentials see them.</summary>
public sealed class BrokerManagement : IDisposable
{
    public const string NotificationQueue = "notification-service.enrollments";
    public const string DeadLetterQueue = "notification-service.enrollments.dead-letter";

    private readonly HttpClient _http;

    private BrokerManagement(HttpClient http) => _http = http;

    public sealed record QueueDepth(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages")] long Messages);

    public static async Task<BrokerManagement> ForAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var parameters = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().ToList();
        var user = await parameters.Single(p => p.Name == "messaging-username").GetValueAsync(cancellationToken);
        var password = await parameters.Single(p => p.Name == "messaging-password").GetValueAsync(cancellationToken);
        var http = new HttpClient { BaseAddress = app.GetEndpoint("messaging", "management"), Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return new BrokerManagement(http);
    }

    /// <summary>
    /// Every queue of the default virtual host with its messages, ready and unacknowledged. The broker refreshes these
    /// figures every few seconds, so a zero means "empty a moment ago".
    /// </summary>
    public async Task<IReadOnlyList<QueueDepth>> QueuesAsync(CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<QueueDepth[]>("/api/queues/%2F?columns=name,messages", cancellationToken))!;

    /// <summary>Messages still on their way to an email: the consumer's queue and its retry queues.</summary>
    public async Task<long> InFlightAsync(CancellationToken cancellationToken) =>
        (await QueuesAsync(cancellationToken))
            .Where(q => q.Name.StartsWith(NotificationQueue, StringComparison.Ordinal) && q.Name != DeadLetterQueue)
            .Sum(q => q.Messages);

    public async Task<long> DeadLettersAsync(CancellationToken cancellationToken) =>
        (await QueuesAsync(cancellationToken)).SingleOrDefault(q => q.Name == DeadLetterQueue)?.Messages
        ?? throw new InvalidOperationException($"The broker has no queue {DeadLetterQueue}.");

    public void Dispose() => _http.Dispose();
}
