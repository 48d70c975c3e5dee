using Npgsql;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Where ours spends its end-to-end time, from the timestamps its databases keep: the enrollment's created_at (taken
/// before its transaction), its outbox row's published_at (the relay had the broker's confirm), and its notification's
/// created_at (the claim) and sent_at (the SMTP server's acceptance). Each part's percentiles are its own: they do not
/// add up to the end-to-end percentiles.
/// </summary>
/// <param name="ToPublished">The request, its commit and the relay: enrollment to the broker's confirm.</param>
/// <param name="ToClaimed">Delivery, the consumer's queue and the claim's round trip: confirmed to claimed (the relay takes the time after the batch's last confirm, so a delivery can be claimed before it).</param>
/// <param name="ToSent">The email composed and sent: claimed to accepted.</param>
public sealed record EndToEndSplit(LatencySummary ToPublished, LatencySummary ToClaimed, LatencySummary ToSent)
{
    public static async Task<EndToEndSplit> MeasureAsync(string enrollmentDb, string notificationDb, IReadOnlyCollection<Guid> enrollmentIds)
    {
        var ids = enrollmentIds.ToArray();
        var notified = new List<(Guid Enrollment, Guid Event, DateTime Claimed, DateTime Sent)>(ids.Length);
        await using (var notifications = new NpgsqlConnection(notificationDb))
        {
            await notifications.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"{SqlStatements.Marker} SELECT subject_id, event_id, created_at, sent_at FROM notifications WHERE subject_id = ANY($1) AND kind = 'EnrollmentCreated'",
                notifications)
            {
                Parameters = { new() { Value = ids } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                notified.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetDateTime(2), reader.GetDateTime(3)));
            }
        }

        var enrolledAt = new Dictionary<Guid, DateTime>(ids.Length);
        var publishedAt = new Dictionary<Guid, DateTime>(ids.Length);
        await using (var enrollments = new NpgsqlConnection(enrollmentDb))
        {
            await enrollments.OpenAsync();
            await ReadAsync(enrollments, $"{SqlStatements.Marker} SELECT id, created_at FROM enrollments WHERE id = ANY($1)", ids, enrolledAt);
            await ReadAsync(enrollments, $"{SqlStatements.Marker} SELECT event_id, published_at FROM outbox_messages WHERE event_id = ANY($1)",
                [.. notified.Select(n => n.Event)], publishedAt);
        }

        return new(
            LatencySummary.Of([.. notified.Select(n => publishedAt[n.Event] - enrolledAt[n.Enrollment])]),
            LatencySummary.Of([.. notified.Select(n => n.Claimed - publishedAt[n.Event])]),
            LatencySummary.Of([.. notified.Select(n => n.Sent - n.Claimed)]));
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Guid[] ids, Dictionary<Guid, DateTime> into)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = ids } } };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            into[reader.GetGuid(0)] = reader.GetDateTime(1);
        }
    }
}
