using System.Net.Http.Json;
using MimeKit;

namespace TrainingProgram.Testing.Mail;

/// <summary>
/// What the development SMTP server (smtp4dev, resource <c>mail</c>) received in this run, read through its HTTP API.
/// It keeps mail in memory, so a restarted <c>mail</c> starts empty. Give each test its own addresses (as
/// <see cref="TrainingProgramTopology.CreateStudentAsync"/> does) and tests cannot see each other's mail.
/// </summary>
public sealed class DevInbox : IDisposable
{
    private sealed record Page(InboxMessage[] Results);

    /// <summary>Up to this many addresses are looked up one by one with smtp4dev's search; more, with one full listing.</summary>
    private const int SearchedAddresses = 4;

    private readonly HttpClient _http;
    private readonly TopologyTimeouts _timeouts;
    private readonly Func<string>? _diagnostics;

    /// <summary>The inbox of the smtp4dev at <paramref name="baseAddress"/>.</summary>
    public DevInbox(Uri baseAddress, TopologyTimeouts? timeouts = null, Func<string>? diagnostics = null)
    {
        _timeouts = timeouts ?? TopologyTimeouts.Default;
        _diagnostics = diagnostics;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = _timeouts.Outcome };
    }

    /// <summary>Every message received so far.</summary>
    public async Task<IReadOnlyList<InboxMessage>> AllAsync(CancellationToken cancellationToken = default) =>
        (await _http.GetFromJsonAsync<Page>("/api/messages?pageSize=100000", Linked(cancellationToken)))!.Results;

    /// <summary>The messages addressed to <paramref name="address"/> so far (no waiting: see <see cref="WaitForExactlyAsync(string, int, TimeSpan?)"/>).</summary>
    public Task<IReadOnlyList<InboxMessage>> ToAsync(string address, CancellationToken cancellationToken = default) => ToAsync([address], cancellationToken);

    /// <summary>The messages addressed to any of <paramref name="addresses"/> so far (compared case-insensitively).</summary>
    public async Task<IReadOnlyList<InboxMessage>> ToAsync(IEnumerable<string> addresses, CancellationToken cancellationToken = default)
    {
        var wanted = addresses.ToHashSet(StringComparer.OrdinalIgnoreCase);

        // A few addresses: smtp4dev's own search (a substring of sender, recipients or subject), so that a poll costs
        // the matches, not the whole inbox of a long run; the exact recipient match is made here either way.
        var candidates = wanted.Count <= SearchedAddresses
            ? (await Task.WhenAll(wanted.Select(address => SearchAsync(address, cancellationToken)))).SelectMany(found => found).DistinctBy(m => m.Id)
            : await AllAsync(cancellationToken);
        return [.. candidates.Where(m => m.To.Any(wanted.Contains))];
    }

    /// <summary>Waits for the one message to <paramref name="address"/>, then asserts that no second one follows.</summary>
    public async Task<InboxMessage> WaitForExactlyOneAsync(string address, TimeSpan? timeout = null) =>
        (await WaitForExactlyAsync([address], 1, timeout))[0];

    /// <inheritdoc cref="WaitForExactlyAsync(IReadOnlyCollection{string}, int, TimeSpan?)"/>
    public Task<IReadOnlyList<InboxMessage>> WaitForExactlyAsync(string address, int count, TimeSpan? timeout = null) =>
        WaitForExactlyAsync([address], count, timeout);

    /// <summary>
    /// Exactly <paramref name="count"/> messages to these addresses: waits until that many arrived (within
    /// <paramref name="timeout"/>, default <see cref="TopologyTimeouts.Outcome"/>), then for
    /// <see cref="TopologyTimeouts.QuietPeriod"/> in which no more may arrive. Fails with the list of what did arrive.
    /// A <paramref name="count"/> of 0 waits the quiet period and asserts that nothing arrived.
    /// </summary>
    /// <exception cref="TopologyExpectationException">Fewer arrived before the deadline, or more arrived.</exception>
    public async Task<IReadOnlyList<InboxMessage>> WaitForExactlyAsync(IReadOnlyCollection<string> addresses, int count, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var what = addresses.Count == 1 ? addresses.First() : $"{addresses.Count} addresses";
        IReadOnlyList<InboxMessage> arrived;
        try
        {
            arrived = await Eventually.Until(ct => ToAsync(addresses, ct), found => found.Count >= count, $"{count} email(s) to {what}", timeout ?? _timeouts.Outcome);
        }
        catch (TimeoutException ex)
        {
            var within = $"Expected exactly {count} email(s) to {what}; within {(timeout ?? _timeouts.Outcome).TotalSeconds:0.#} s";
            IReadOnlyList<InboxMessage> seen;
            try
            {
                seen = await ToAsync(addresses);
            }
            catch (Exception unreadable) when (unreadable is HttpRequestException or TaskCanceledException)
            {
                // The mail server itself is away: say so, rather than fail with the last read's error alone.
                throw new TopologyExpectationException($"{within} the inbox could not be read ({unreadable.Message})", ex);
            }

            throw new TopologyExpectationException(Explain($"{within} {seen.Count} arrived", seen), ex);
        }

        if (arrived.Count == count)
        {
            try
            {
                await Eventually.Throughout(ct => ToAsync(addresses, ct), found => found.Count == count, "no more", _timeouts.QuietPeriod);
            }
            catch (TopologyExpectationException)
            {
                arrived = await ToAsync(addresses);
            }
        }

        if (arrived.Count != count)
        {
            throw new TopologyExpectationException(Explain($"Expected exactly {count} email(s) to {what}; {arrived.Count} arrived", arrived));
        }

        return arrived;
    }

    private async Task<IReadOnlyList<InboxMessage>> SearchAsync(string term, CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<Page>(new Uri($"/api/messages?pageSize=100000&searchTerms={Uri.EscapeDataString(term)}", UriKind.Relative),
            Linked(cancellationToken)))!.Results;

    /// <summary>The message as received on the wire, parsed (headers, encoded words, parts).</summary>
    public async Task<MimeMessage> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var raw = await _http.GetStreamAsync(new Uri($"/api/messages/{id}/raw", UriKind.Relative), Linked(cancellationToken));
        return await MimeMessage.LoadAsync(raw, Linked(cancellationToken));
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static CancellationToken Linked(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken : TestCancellation.Current;

    private string Explain(string headline, IReadOnlyList<InboxMessage> arrived) =>
        headline + (arrived.Count == 0 ? "." : ":\n  " + string.Join("\n  ", arrived)) + (_diagnostics is null ? "" : "\n" + _diagnostics());
}
