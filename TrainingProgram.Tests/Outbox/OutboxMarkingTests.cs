using System.Text.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;
using TrainingProgram.Tests.Notifications;
using TrainingProgram.Tests.Pipeline;

namespace TrainingProgram.Tests.Outbox;

/// <summary>
/// The relay marks the rows the broker confirmed with one statement and saves a refused row's attempt and error on its
/// own: committed together (so that one relay's batch normally holds both), each row ends with its own outcome.
/// </summary>
[Collection(ScaleOutTopology.Name)]
public sealed class OutboxMarkingTests(ScaleOutApp topology)
{
    [Fact]
    public async Task In_one_batch_the_confirmed_row_is_marked_published_once_and_the_refused_row_keeps_its_error_and_stays_pending()
    {
        var confirmed = TestEnrollmentEvent.Created();
        var refusedId = Guid.CreateVersion7();
        await using var database = await EnrollmentDatabase.ConnectAsync(topology);

        // One statement, so that the relay finds both rows in the same pass.
        await database.ExecuteAsync("""
            INSERT INTO outbox_messages (event_id, event_type, event_version, routing_key, payload, occurred_at, attempts, next_attempt_at)
            VALUES ($1, 'EnrollmentCreated', 1, $2, $3::jsonb, now(), 0, now()),
                   ($4, 'WaitlistOfferMade', 1, 'waitlist.offer-made', '{}', now(), 0, now())
            """, confirmed.EventId, confirmed.RoutingKey, JsonSerializer.Serialize(confirmed, JsonSerializerOptions.Web), refusedId);

        var rows = await Eventually.Until(
            async _ => (Confirmed: await database.OutboxRowAsync(confirmed.EventId), Refused: await database.OutboxRowAsync(refusedId)),
            rows => rows.Confirmed?.Attempts >= 1 && rows.Refused?.Attempts >= 1, "the relay to try both rows");

        Assert.Equal((true, 1, null), rows.Confirmed);
        Assert.False(rows.Refused!.Value.Published);
        Assert.StartsWith("unroutable", rows.Refused.Value.LastError, StringComparison.Ordinal);
    }
}
