using System.Net.Http.Json;
using MimeKit;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// What the dev SMTP server (smtp4dev) received in this test app's run, read through its HTTP API. It keeps mail
/// in memory, so a restarted `mail` starts empty. Test addresses are unique, so filtering by recipient isolates a test.
/// smtp4dev stores a message after it has accepted it, so a notification recorded as Sent may not be listed yet:
/// wait with <see cref="WaitForAsync"/> before counting.
/// </summary>
public sealed class MailInbox(Uri baseAddress) : IDisposable
{
    public sealed record Summary(Guid Id, string From, string[] To, string Subject);

    private sealed record Page(Summary[] Results);

    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public async Task<IReadOnlyList<Summary>> AllAsync(CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<Page>("/api/messages?pageSize=100000", cancellationToken))!.Results;

    public Task<IReadOnlyList<Summary>> ToAsync(string address, CancellationToken cancellationToken) => ToAsync([address], cancellationToken);

    /// <summary>Messages addressed to any of <paramref name="addresses"/>.</summary>
    public async Task<IReadOnlyList<Summary>> ToAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var wanted = addresses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. (await AllAsync(cancellationToken)).Where(m => m.To.Any(wanted.Contains))];
    }

    /// <summary>Polls until at least <paramref name="expected"/> messages reached these addresses, then returns them all.</summary>
    public Task<IReadOnlyList<Summary>> WaitForAsync(IReadOnlyCollection<string> addresses, int expected, TimeSpan? timeout = null) =>
        Eventually.Until(
            ct => ToAsync(addresses, ct),
            messages => messages.Count >= expected,
            $"{expected} email(s) to {addresses.Count} address(es)",
            timeout);

    /// <summary>The message as received on the wire, parsed.</summary>
    public async Task<MimeMessage> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var raw = await _http.GetStreamAsync($"/api/messages/{id}/raw", cancellationToken);
        return await MimeMessage.LoadAsync(raw, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
