using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainingProgram.Soak;

/// <summary>One message smtp4dev received: its own id, and the Message-Id the Notification Service gave it.</summary>
public sealed record ReceivedEmail(Guid SmtpId, string? MessageId, string[] To, string Subject);

/// <summary>
/// A `mail` stop: every message smtp4dev had stored when <see cref="SnapshotAt"/> began was read; one accepted after
/// that and before <see cref="DownAt"/> may have gone down with its memory (smtp4dev also stores a message a moment
/// after accepting it, so a stop loses the few it had accepted and not yet stored, however closely it is read).
/// </summary>
public sealed record MailStop(DateTimeOffset SnapshotAt, DateTimeOffset DownAt);

/// <summary>
/// Every email smtp4dev received during the run, across restarts of `mail`. smtp4dev keeps mail in memory, so a
/// stopped `mail` forgets its inbox: counting the inbox once at the end (as the tests and the benchmark do, with no
/// mail outage) would lose everything received before the last stop. So the inbox is read all along, every second,
/// keyed by smtp4dev's own message id (new on every restart, so nothing is counted twice), and read over and over
/// while it is being stopped. Reading smtp4dev's own list, rather than the Notification Service's records of what it sent,
/// keeps the count independent of the code under test: a duplicate send is two messages with one Message-Id.
/// What is left unseen is what smtp4dev accepted between that last read and its stop; <see cref="Stops"/> says when.
/// </summary>
public sealed class MailLedger(Uri inbox) : IDisposable
{
    private const int PageSize = 500;

    private readonly HttpClient _http = new() { BaseAddress = inbox, Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, ReceivedEmail> _emails = [];
    private readonly HashSet<Guid> _sinceRestart = [];
    private readonly List<MailStop> _stops = [];
    private DateTimeOffset? _lastCompleteReadStartedAt;

    public IReadOnlyCollection<ReceivedEmail> Emails
    {
        get
        {
            lock (_emails)
            {
                return [.. _emails.Values];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_emails)
            {
                return _emails.Count;
            }
        }
    }

    public IReadOnlyList<MailStop> Stops => _stops;

    /// <summary>Reads the inbox every second until cancelled; failures (mail down) just wait for the next read.</summary>
    public async Task FollowAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await ReadAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads every message smtp4dev holds that is not known yet; false if smtp4dev did not answer throughout.</summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var startedAt = DateTimeOffset.UtcNow;
            // Newest first: reading stops at a page with nothing new; the count then says whether anything older was
            // stored late (smtp4dev stores through a queue), and only then is the whole inbox read.
            var rowCount = await ReadNewestAsync(wholeInbox: false, cancellationToken);
            if (rowCount < _sinceRestart.Count)
            {
                _sinceRestart.Clear();
            }

            if (rowCount > _sinceRestart.Count)
            {
                await ReadNewestAsync(wholeInbox: true, cancellationToken);
            }

            _lastCompleteReadStartedAt = startedAt;
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads the inbox over and over while `mail` is being stopped, until <paramref name="stopped"/> is cancelled, so
    /// that the last complete read begins as close as possible to the moment smtp4dev stops; returns when it began.
    /// </summary>
    public async Task<DateTimeOffset?> ReadUntilStoppedAsync(CancellationToken stopped)
    {
        while (!stopped.IsCancellationRequested)
        {
            if (!await ReadAsync(CancellationToken.None))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        }

        return _lastCompleteReadStartedAt;
    }

    /// <summary>`mail` is down: what it accepted since <paramref name="snapshotAt"/> is gone, and a restarted smtp4dev starts empty.</summary>
    public async Task StoppedAsync(DateTimeOffset? snapshotAt, DateTimeOffset downAt)
    {
        await _gate.WaitAsync();
        try
        {
            _stops.Add(new MailStop(snapshotAt ?? DateTimeOffset.MinValue, downAt));
            _sinceRestart.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> ReadNewestAsync(bool wholeInbox, CancellationToken cancellationToken)
    {
        var rowCount = 0;
        for (var page = 1; ; page++)
        {
            var list = (await _http.GetFromJsonAsync<MessagePage>($"/api/messages?page={page}&pageSize={PageSize}", cancellationToken))!;
            rowCount = list.RowCount;
            var anythingNew = false;
            foreach (var summary in list.Results)
            {
                _sinceRestart.Add(summary.Id);
                bool known;
                lock (_emails)
                {
                    known = _emails.ContainsKey(summary.Id);
                }

                if (!known)
                {
                    anythingNew = true;
                    var email = await LoadAsync(summary.Id, cancellationToken);
                    lock (_emails)
                    {
                        _emails[summary.Id] = email;
                    }
                }
            }

            if (page >= list.PageCount || (!anythingNew && !wholeInbox))
            {
                return rowCount;
            }
        }
    }

    private async Task<ReceivedEmail> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = (await _http.GetFromJsonAsync<Message>($"/api/messages/{id}", cancellationToken))!;
        var messageId = message.Headers.FirstOrDefault(h => string.Equals(h.Name, "Message-ID", StringComparison.OrdinalIgnoreCase))?.Value;
        return new ReceivedEmail(id, messageId?.Trim(), message.To, message.Subject);
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private sealed record MessagePage(
        [property: JsonPropertyName("results")] Summary[] Results,
        [property: JsonPropertyName("pageCount")] int PageCount,
        [property: JsonPropertyName("rowCount")] int RowCount);

    private sealed record Summary([property: JsonPropertyName("id")] Guid Id);

    private sealed record Message(
        [property: JsonPropertyName("to")] string[] To,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("headers")] Header[] Headers);

    private sealed record Header([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);
}
