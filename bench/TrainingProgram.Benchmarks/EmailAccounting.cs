using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Proves every enrollment's email was sent exactly once, and measures end-to-end latency: from the
/// enrollment's commit (its created_at in enrollmentdb) to the SMTP server's acceptance (sent_at in notificationdb).
/// </summary>
public sealed class EmailAccounting(BenchmarkTopology topology) : IDisposable
{
    private readonly HttpClient _inbox = new() { BaseAddress = topology.Inbox };

    /// <summary>
    /// Empties the dev SMTP server's inbox between phases: smtp4dev slows down as its in-memory store grows (45
    /// emails/s over 8 connections with 13,000 messages stored, against 110/s on one connection when empty).
    /// </summary>
    public async Task ClearInboxAsync()
    {
        using var response = await _inbox.DeleteAsync("/api/messages/*");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many messages the dev SMTP server holds; only this benchmark sends mail to it.</summary>
    public async Task<int> InboxCountAsync(CancellationToken cancellationToken) =>
        (await _inbox.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=1", cancellationToken)).GetProperty("rowCount").GetInt32();

    /// <summary>Waits until every enrollment has a sent confirmation; fails loudly on a missing or extra email.</summary>
    public async Task<IReadOnlyList<TimeSpan>> AccountForAsync(IReadOnlyCollection<Guid> enrollmentIds, int inboxBefore, TimeSpan timeout)
    {
        var ids = enrollmentIds.ToArray();
        var stopwatch = Stopwatch.StartNew();
        long sent;
        while ((sent = await CountSentAsync(ids)) < ids.Length)
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new InvalidOperationException($"MISSING EMAILS: {ids.Length - sent} of {ids.Length} enrollments have no sent confirmation after {timeout}.");
            }

            await Task.Delay(100);
        }

        // smtp4dev stores a message after its 250 reply, through a queue that lags well behind a burst on two cores.
        int inboxDelta;
        var settle = Stopwatch.StartNew();
        while ((inboxDelta = await InboxCountAsync(CancellationToken.None) - inboxBefore) < ids.Length && settle.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(100);
        }

        if (inboxDelta != ids.Length)
        {
            throw new InvalidOperationException($"EMAIL COUNT MISMATCH: {ids.Length} enrollments but the SMTP server received {inboxDelta} messages (missing or duplicated).");
        }

        return await EndToEndLatenciesAsync(ids);
    }

    private async Task<long> CountSentAsync(Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(topology.NotificationDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM notifications WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated' AND status = 'Sent'", connection)
        {
            Parameters = { new() { Value = ids } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<IReadOnlyList<TimeSpan>> EndToEndLatenciesAsync(Guid[] ids)
    {
        var committed = new Dictionary<Guid, DateTime>(ids.Length);
        await using (var enrollments = new NpgsqlConnection(topology.EnrollmentDb))
        {
            await enrollments.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id, created_at FROM enrollments WHERE id = ANY($1)", enrollments)
            {
                Parameters = { new() { Value = ids } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                committed[reader.GetGuid(0)] = reader.GetDateTime(1);
            }
        }

        var latencies = new List<TimeSpan>(ids.Length);
        await using var notifications = new NpgsqlConnection(topology.NotificationDb);
        await notifications.OpenAsync();
        await using var sentQuery = new NpgsqlCommand(
            "SELECT subject_id, sent_at FROM notifications WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated'", notifications)
        {
            Parameters = { new() { Value = ids } },
        };
        await using var sent = await sentQuery.ExecuteReaderAsync();
        while (await sent.ReadAsync())
        {
            latencies.Add(sent.GetDateTime(1) - committed[sent.GetGuid(0)]);
        }

        return latencies;
    }

    /// <summary>First and last SMTP acceptance among these enrollments' emails.</summary>
    public async Task<(DateTime First, DateTime Last)> SentWindowAsync(IReadOnlyCollection<Guid> enrollmentIds)
    {
        await using var connection = new NpgsqlConnection(topology.NotificationDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT min(sent_at), max(sent_at) FROM notifications WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated'", connection)
        {
            Parameters = { new() { Value = enrollmentIds.ToArray() } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDateTime(0), reader.GetDateTime(1));
    }

    public async Task<long> CountSentAsync(IReadOnlyCollection<Guid> enrollmentIds) => await CountSentAsync(enrollmentIds.ToArray());

    public void Dispose() => _inbox.Dispose();
}
