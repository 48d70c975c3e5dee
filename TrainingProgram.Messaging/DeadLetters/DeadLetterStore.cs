using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using TrainingProgram.Messaging.Consuming;
using TrainingProgram.Messaging.Publishing;

namespace TrainingProgram.Messaging.DeadLetters;

/// <summary>
/// The dead letters of a consumer, in its database (<typeparamref name="TContext"/>'s model calls
/// <see cref="MessagingModelBuilderExtensions.AddDeadLetters"/>): added when the consumer gives up on a message, listed,
/// replayed (back into the consumer's queue with a fresh attempt budget) or discarded by an operator.
/// </summary>
public sealed partial class DeadLetterStore<TContext>(
    TContext db, ConfirmedPublisher publisher, ILogger<DeadLetterStore<TContext>> logger) : IDeadLetterStore
    where TContext : DbContext
{
    private const int ReplayBatchSize = 100;

    private DbSet<DeadLetter> DeadLetters => db.Set<DeadLetter>();

    /// <summary>
    /// Stores <paramref name="deadLetter"/> unless the queue's dead letters already hold its message id: a broker's
    /// redelivery, a publisher's second copy, or a retried insert whose first try did commit is one dead letter, so one
    /// replay and one email. ON CONFLICT rather than a caught unique violation, which EF Core would log as an error.
    /// </summary>
    public async Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var headers = JsonSerializer.Serialize(deadLetter.Headers);
        var stored = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO dead_letters (queue, message_id, message_type, subject, exchange, routing_key, reason, description,
                                      attempts, replays, dead_lettered_at, content_type, "timestamp", headers, body)
            VALUES ({deadLetter.Queue}, {deadLetter.MessageId}, {deadLetter.MessageType}, {deadLetter.Subject}, {deadLetter.Exchange},
                    {deadLetter.RoutingKey}, {deadLetter.Reason}, {deadLetter.Description}, {deadLetter.Attempts}, {deadLetter.Replays},
                    {deadLetter.DeadLetteredAt}, {deadLetter.ContentType}, {deadLetter.Timestamp}, {headers}, {deadLetter.Body})
            ON CONFLICT (queue, message_id) DO NOTHING
            """, cancellationToken);
        if (stored == 0)
        {
            LogAlreadyStored(deadLetter.MessageId, deadLetter.Queue);
        }
    }

    public Task<List<DeadLetter>> ListAsync(DeadLetterFilter filter, int limit, CancellationToken cancellationToken) =>
        Matching(filter).OrderBy(d => d.Id).Take(limit).AsNoTracking().ToListAsync(cancellationToken);

    public Task<int> CountAsync(DeadLetterFilter filter, CancellationToken cancellationToken) =>
        Matching(filter).CountAsync(cancellationToken);

    /// <summary>
    /// Sends the matching dead letters back to the queue that gave up on them, without their retry counter (a fresh
    /// attempt budget); each row's delete commits once the broker has confirmed the copy. Rows are locked while they are
    /// replayed, so two operators replaying at once do not send one twice; a crash after the publish and before the
    /// commit leaves the row to be replayed again, which the handler's idempotence absorbs.
    /// </summary>
    public async Task<int> ReplayAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        // Only what is there now: a message that fails again during the replay comes back with a higher id.
        var upTo = await DeadLetters.MaxAsync(d => (long?)d.Id, cancellationToken) ?? 0;
        var replayed = 0;
        while (true)
        {
            var batch = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var rows = await Locked(filter, upTo).ToListAsync(token);

                // Deleted before they are sent: a copy that fails again at once and is dead-lettered anew then waits for
                // this commit instead of meeting its old row in the one-per-message index and being taken for a duplicate.
                DeadLetters.RemoveRange(rows);
                await db.SaveChangesAsync(token);
                foreach (var row in rows)
                {
                    await publisher.PublishAsync(exchange: "", row.Queue, PropertiesFor(row), row.Body, token);
                }

                await transaction.CommitAsync(token);
                return rows.Count;
            }, cancellationToken);

            replayed += batch;
            if (batch < ReplayBatchSize || filter.Id is not null)
            {
                break;
            }
        }

        LogReplayed(replayed, filter.Id, filter.Reason);
        return replayed;
    }

    public async Task<int> DiscardAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        var discarded = await Matching(filter).ExecuteDeleteAsync(cancellationToken);
        LogDiscarded(discarded, filter.Id, filter.Reason);
        return discarded;
    }

    private IQueryable<DeadLetter> Matching(DeadLetterFilter filter)
    {
        var query = DeadLetters.AsQueryable();
        if (filter.Id is { } id)
        {
            query = query.Where(d => d.Id == id);
        }

        if (filter.Reason is { } reason)
        {
            query = query.Where(d => d.Reason == reason);
        }

        return query;
    }

    private IQueryable<DeadLetter> Locked(DeadLetterFilter filter, long upTo)
    {
        // Typed stand-ins for "no filter" (ids start at 1): PostgreSQL cannot type a bare NULL parameter.
        var id = filter.Id ?? 0;
        var reason = filter.Reason ?? "";
        return DeadLetters.FromSql($"""
            SELECT * FROM dead_letters
            WHERE id <= {upTo} AND ({id} = 0 OR id = {id}) AND ({reason} = '' OR reason = {reason})
            ORDER BY id
            LIMIT {ReplayBatchSize}
            FOR UPDATE SKIP LOCKED
            """);
    }

    private static BasicProperties PropertiesFor(DeadLetter row)
    {
        var headers = new Dictionary<string, object?>();
        foreach (var (name, value) in row.Headers)
        {
            headers[name] = name == MessageHeaders.EventVersion && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : Encoding.UTF8.GetBytes(value);
        }

        headers[MessageHeaders.OriginalExchange] = row.Exchange;
        headers[MessageHeaders.OriginalRoutingKey] = row.RoutingKey;
        headers[MessageHeaders.Replays] = row.Replays + 1;
        return new BasicProperties
        {
            MessageId = row.MessageId,
            Type = row.MessageType,
            ContentType = row.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = row.Timestamp is { } timestamp ? new AmqpTimestamp(timestamp.ToUnixTimeSeconds()) : default,
            Headers = headers,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} is already in the dead letters of {Queue}; kept once")]
    private partial void LogAlreadyStored(string? messageId, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} dead letter(s) (id {Id}, reason {Reason})")]
    private partial void LogReplayed(int count, long? id, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discarded {Count} dead letter(s) (id {Id}, reason {Reason})")]
    private partial void LogDiscarded(int count, long? id, string? reason);
}
