using System.Diagnostics;
using Npgsql;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Proves every enrollment's email was sent exactly once, and measures end-to-end latency: from the
/// enrollment's commit (its created_at) to the SMTP server's acceptance (its notification's sent_at).
/// </summary>
public sealed class EmailAccounting(BenchmarkTopology topology, EmailAccounting.Tables tables)
{
    /// <summary>Where a pipeline keeps its enrollments and its notifications.</summary>
    public sealed record Tables(string EnrollmentDb, string Enrollments, string NotificationDb, string Notifications);

    /// <summary>Empties the mail server the Notification Service sends to and returns its count afterwards.</summary>
    public async Task<int> FreshInboxAsync()
    {
        await topology.Mail.ClearAsync(CancellationToken.None);
        return await topology.Mail.CountAsync(CancellationToken.None);
    }

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
        while ((inboxDelta = await topology.Mail.CountAsync(CancellationToken.None) - inboxBefore) < ids.Length && settle.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(100);
        }

        if (inboxDelta != ids.Length)
        {
            throw new InvalidOperationException($"EMAIL COUNT MISMATCH: {ids.Length} enrollments but {topology.Mail.Name} received {inboxDelta} messages (missing or duplicated).");
        }

        return await EndToEndLatenciesAsync(ids);
    }

    /// <summary>Polled during a drain: no reset statement on each reuse, so the drain's statement counts are the service's.</summary>
    private readonly string _pollingConnection = new NpgsqlConnectionStringBuilder(tables.NotificationDb) { NoResetOnClose = true }.ConnectionString;

    public async Task<long> CountSentAsync(Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(_pollingConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"{SqlStatements.Marker} SELECT count(*) FROM {tables.Notifications} WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated' AND status = 'Sent'", connection)
        {
            Parameters = { new() { Value = ids } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<IReadOnlyList<TimeSpan>> EndToEndLatenciesAsync(Guid[] ids)
    {
        var committed = new Dictionary<Guid, DateTime>(ids.Length);
        await using (var enrollments = new NpgsqlConnection(tables.EnrollmentDb))
        {
            await enrollments.OpenAsync();
            await using var command = new NpgsqlCommand($"{SqlStatements.Marker} SELECT id, created_at FROM {tables.Enrollments} WHERE id = ANY($1)", enrollments)
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
        await using var notifications = new NpgsqlConnection(tables.NotificationDb);
        await notifications.OpenAsync();
        await using var sentQuery = new NpgsqlCommand(
            $"{SqlStatements.Marker} SELECT subject_id, sent_at FROM {tables.Notifications} WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated'", notifications)
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

    /// <summary>
    /// The SMTP acceptance of email number <paramref name="skip"/> (in order of acceptance) and of the last one, among
    /// these enrollments' emails.
    /// </summary>
    public async Task<(DateTime From, DateTime Last)> SentWindowAsync(IReadOnlyCollection<Guid> enrollmentIds, int skip)
    {
        await using var connection = new NpgsqlConnection(tables.NotificationDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"{SqlStatements.Marker} SELECT (SELECT sent_at FROM {tables.Notifications} WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated' ORDER BY sent_at OFFSET $2 LIMIT 1), (SELECT max(sent_at) FROM {tables.Notifications} WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated')", connection)
        {
            Parameters = { new() { Value = enrollmentIds.ToArray() }, new() { Value = skip } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDateTime(0), reader.GetDateTime(1));
    }

}
