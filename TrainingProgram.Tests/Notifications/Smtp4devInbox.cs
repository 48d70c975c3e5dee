using System.Net.Http.Json;
using MimeKit;

namespace TrainingProgram.Tests.Notifications;

/// <summary>smtp4dev's HTTP API: the mail received so far (this run only: it keeps messages in memory).</summary>
public sealed class Smtp4devInbox(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public sealed record Summary(string Id, string From, string[] To, string Subject);

    private sealed record Page(Summary[] Results);

    /// <summary>Messages addressed to <paramref name="address"/> (test addresses are unique, so these are one test's).</summary>
    public async Task<IReadOnlyList<Summary>> ToAsync(string address, CancellationToken cancellationToken)
    {
        var page = await _http.GetFromJsonAsync<Page>(
            $"/api/messages?searchTerms={Uri.EscapeDataString(address)}&pageSize=1000", cancellationToken);
        return [.. page!.Results.Where(message => message.To.Any(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The message as received on the wire, parsed.</summary>
    public async Task<MimeMessage> LoadAsync(string id, CancellationToken cancellationToken)
    {
        await using var raw = await _http.GetStreamAsync($"/api/messages/{id}/raw", cancellationToken);
        return await MimeMessage.LoadAsync(raw, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
