using Npgsql;
using TrainingProgram.Tests.Infrastructure;
using TrainingProgram.Tests.Notifications;
using TrainingProgram.Tests.Pipeline;

namespace TrainingProgram.Tests.Outbox;

/// <summary>An event no queue takes is retried for a while, then given up on where an operator will see it.</summary>
[Collection(ScaleOutTopology.Name)]
public sealed class UnroutableEventTests(ScaleOutApp topology)
{
    [Fact]
    public async Task An_event_the_broker_keeps_returning_is_given_up_after_the_configured_time_with_its_reason_and_a_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var eventId = Guid.CreateVersion7();
        await using var database = NpgsqlDataSource.Create(await topology.GetConnectionStringAsync(ResourceNames.EnrollmentDb)
            ?? throw new InvalidOperationException("enrollmentdb has no connection string"));

        // As a future event type would be written before any consumer binds its routing key.
        await using (var insert = database.CreateCommand("""
            INSERT INTO outbox_messages (event_id, event_type, event_version, routing_key, payload, occurred_at, attempts, next_attempt_at)
            VALUES ($1, 'WaitlistOfferMade', 1, 'waitlist.offer-made', '{}', now(), 0, now())
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = eventId });
            await insert.ExecuteNonQueryAsync(ct);
        }

        var row = await Eventually.Until(
            async token =>
            {
                await using var query = database.CreateCommand("SELECT given_up_at IS NOT NULL, published_at IS NULL, attempts, last_error FROM outbox_messages WHERE event_id = $1");
                query.Parameters.Add(new NpgsqlParameter { Value = eventId });
                await using var reader = await query.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                return (GivenUp: reader.GetBoolean(0), Unpublished: reader.GetBoolean(1), Attempts: reader.GetInt32(2), Error: reader.IsDBNull(3) ? null : reader.GetString(3));
            },
            state => state.GivenUp, "the relay to give up on the unroutable event");

        Assert.True(row.Unpublished);
        Assert.True(row.Attempts >= 1);
        Assert.StartsWith("unroutable", row.Error, StringComparison.Ordinal);
        await Eventually.Until(token => ServiceLog.ContainsAsync(topology, $"Gave up publishing event {eventId}", token),
            found => found, "an error an operator will see in the API's log");
    }
}
