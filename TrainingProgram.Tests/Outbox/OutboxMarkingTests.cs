using System.Text.Json;
using Npgsql;
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
        var ct = TestContext.Current.CancellationToken;
        var confirmed = TestEnrollmentEvent.Created();
        var refusedId = Guid.CreateVersion7();
        await using var database = NpgsqlDataSource.Create(await topology.GetConnectionStringAsync(TrainingProgramApp.EnrollmentDb)
            ?? throw new InvalidOperationException("enrollmentdb has no connection string"));

        // One transaction, so that the relay finds both in the same batch.
        await using (var insert = database.CreateCommand("""
            INSERT INTO outbox_messages (event_id, event_type, event_version, routing_key, payload, occurred_at, attempts, next_attempt_at)
            VALUES ($1, 'EnrollmentCreated', 1, $2, $3::jsonb, now(), 0, now()),
                   ($4, 'WaitlistOfferMade', 1, 'waitlist.offer-made', '{}', now(), 0, now())
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = confirmed.EventId });
            insert.Parameters.Add(new NpgsqlParameter { Value = confirmed.RoutingKey });
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(confirmed, JsonSerializerOptions.Web) });
            insert.Parameters.Add(new NpgsqlParameter { Value = refusedId });
            await insert.ExecuteNonQueryAsync(ct);
        }

        var rows = await Eventually.Until(
            async token =>
            {
                await using var query = database.CreateCommand("""
                    SELECT event_id, published_at IS NOT NULL, attempts, last_error FROM outbox_messages WHERE event_id = ANY($1)
                    """);
                query.Parameters.Add(new NpgsqlParameter { Value = new[] { confirmed.EventId, refusedId } });
                await using var reader = await query.ExecuteReaderAsync(token);
                var found = new Dictionary<Guid, (bool Published, int Attempts, string? Error)>();
                while (await reader.ReadAsync(token))
                {
                    found[reader.GetGuid(0)] = (reader.GetBoolean(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                }

                return found;
            },
            found => found.Count == 2 && found.Values.All(row => row.Attempts >= 1), "the relay to try both rows");

        Assert.Equal((true, 1, null), rows[confirmed.EventId]);
        var refused = rows[refusedId];
        Assert.False(refused.Published);
        Assert.StartsWith("unroutable", refused.Error, StringComparison.Ordinal);
    }
}
