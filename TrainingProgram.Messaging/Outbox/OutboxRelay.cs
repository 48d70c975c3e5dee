using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using TrainingProgram.Messaging.Publishing;
using TrainingProgram.Messaging.Tracing;
using TrainingProgram.ServiceDefaults;

namespace TrainingProgram.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to <see cref="OutboxRelayTarget.Exchange"/>: woken by <see cref="OutboxSignal"/> on
/// commit, and every <see cref="OutboxOptions.PollInterval"/> otherwise, it keeps trying while the broker is away.
/// Each batch is locked with FOR UPDATE SKIP LOCKED for the duration of its publish, so replicas relaying at once take
/// disjoint rows, and it is marked published only after the broker's confirms. While a batch waits for its confirms the
/// next may start (<see cref="OverlappingPasses"/>).
/// </summary>
/// <remarks>
/// Its polls, locks and marks are housekeeping and make no trace; each publish is a span in the trace of the
/// request that caused its event.
/// </remarks>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    ConfirmedPublisher publisher,
    OutboxRelayTarget target,
    OutboxSignal signal,
    OutboxTelemetry telemetry,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan BacklogReportInterval = TimeSpan.FromSeconds(5);
    private const string CommitAsynchronously = "SET LOCAL synchronous_commit TO OFF;\n";
    private const string MarkPublishedSql =
        "UPDATE outbox_messages SET attempts = attempts + 1, published_at = {0}, last_error = NULL WHERE id = ANY({1})";
    private readonly OutboxOptions _options = options.Value;
    private readonly OverlappingPasses _passes = new();
    private readonly Lock _brokerStateLock = new();
    private DateTimeOffset _lastBacklogReport;
    private long _passesStarted;
    private long _brokerStateNotedByPass;
    private bool _brokerUnavailable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = UntracedWork.Begin("outbox relay");
        try
        {
            await RelayUntilStoppedAsync(stoppingToken);
        }
        finally
        {
            await FinishLastPassAsync(stoppingToken);
        }
    }

    private async Task RelayUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await _passes.RunNextAsync(fullBatchSent => RelayBatchAsync(++_passesStarted, fullBatchSent, stoppingToken)))
                {
                    // A full batch went out: there may be more behind it.
                }

                await ReportBacklogAsync(stoppingToken);
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRelayFailed(ex);
                await Task.Delay(_options.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Waits for the pass that may still be confirming, so that it ends before the scope it uses is disposed.</summary>
    private async Task FinishLastPassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _passes.FinishAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Its rows were not marked and go out again at the next start: consumers take them as duplicates.
        }
        catch (Exception ex)
        {
            LogRelayFailed(ex);
        }
    }

    /// <summary>
    /// Publishes one batch of due rows, completing <paramref name="fullBatchSent"/> once its publishes are sent; returns
    /// whether more may be waiting right now.
    /// </summary>
    private async Task<bool> RelayBatchAsync(long pass, TaskCompletionSource<bool> fullBatchSent, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancellationToken =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var batch = await db.Set<OutboxMessage>()
                .FromSql($"""
                    SELECT * FROM outbox_messages
                    WHERE published_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= {now}
                    ORDER BY id
                    LIMIT {_options.BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return false;
            }

            using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            publishTimeout.CancelAfter(_options.PublishTimeout);
            var failures = await PublishOrFailAllAsync(batch, fullBatchSent, publishTimeout.Token);

            var publishedAt = clock.GetUtcNow();
            var published = new List<long>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (failures[i] is { } failure)
                {
                    RecordFailure(batch[i], failure, publishedAt);
                }
                else
                {
                    published.Add(batch[i].Id);
                }
            }

            // The usual outcome, every row published, is one statement for the batch rather than one per row. Such a
            // batch's commit does not wait for the WAL to reach the disk: the pass after next waits for this commit,
            // and a mark lost in a crash of the database only publishes those events again, which consumers take as
            // duplicates. A batch with a refusal in it records the refusal (attempts, backoff, giving up) durably.
            if (published.Count > 0)
            {
                var markPublished = published.Count == batch.Count ? CommitAsynchronously + MarkPublishedSql : MarkPublishedSql;
                await db.Database.ExecuteSqlRawAsync(markPublished, [publishedAt, published.ToArray()], cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var failed = failures.Count(f => f is not null);
            telemetry.Published.Add(batch.Count - failed);
            telemetry.PublishFailed.Add(failed);
            NoteBrokerState(pass, failures);
            return batch.Count == _options.BatchSize && failed < batch.Count;
        }, stoppingToken);
    }

    private void RecordFailure(OutboxMessage message, Exception failure, DateTimeOffset now)
    {
        message.LastError = Describe(failure);

        // A message the broker refused (unroutable, nacked) backs off; one that never reached a broker (connection
        // down, recovering) is not counted and is tried again at the next pass, so it leaves as soon as the broker is
        // back, and an outage does not lengthen the backoff of a refusal right after it (a quorum queue still starting
        // up refuses for a moment).
        if (!ConfirmedPublisher.IsRefusal(failure))
        {
            return;
        }

        message.Attempts++;
        message.NextAttemptAt = now + Backoff(message.Attempts);
        if (!ConfirmedPublisher.IsUnroutable(failure))
        {
            return;
        }

        // Timed from the first return, not from the event: after a long broker outage a queue that is being declared
        // again may return a few old events for a moment, and they must not be given up for their age.
        message.UnroutableSince ??= now;
        if (now - message.UnroutableSince >= _options.UnroutableGiveUpAfter)
        {
            message.GivenUpAt = now;
            telemetry.GivenUp.Add(1);
            LogGivenUp(message.EventId, message.EventType, message.RoutingKey, message.Attempts, now - message.UnroutableSince.Value);
        }
    }

    /// <summary>Publishes every row at once and waits for all confirms; each row's failure, or null.</summary>
    private async Task<IReadOnlyList<Exception?>> PublishOrFailAllAsync(
        List<OutboxMessage> batch, TaskCompletionSource<bool> sent, CancellationToken cancellationToken)
    {
        var confirms = batch.Select(message => PublishOneAsync(message, cancellationToken)).ToArray();
        sent.TrySetResult(batch.Count == _options.BatchSize);
        var failures = new Exception?[batch.Count];
        for (var i = 0; i < confirms.Length; i++)
        {
            try
            {
                await confirms[i];
            }
            catch (Exception ex)
            {
                failures[i] = ex;
            }
        }

        return failures;
    }

    private async Task PublishOneAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var cause = AmqpTraceContext.ParseTraceParent(message.TraceParent, message.TraceState);
        using var activity = MessagingSpans.StartPublish(target.Exchange, message.RoutingKey, message.EventId.ToString(), cause);

        var properties = new BasicProperties
        {
            MessageId = message.EventId.ToString(),
            Type = message.EventType,
            ContentType = MessageHeaders.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(message.OccurredAt.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>
            {
                [MessageHeaders.EventVersion] = message.EventVersion,
                [MessageHeaders.ActingSubject] = message.Actor,
            },
        };
        AmqpTraceContext.Inject(activity?.Context ?? cause, properties.Headers);

        try
        {
            await publisher.PublishAsync(target.Exchange, message.RoutingKey, properties, Encoding.UTF8.GetBytes(message.Payload), cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ConfirmedPublisher.IsUnroutable(ex) ? "unroutable" : ex.Message);
            throw;
        }
    }

    private async Task ReportBacklogAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _lastBacklogReport < BacklogReportInterval)
        {
            return;
        }

        _lastBacklogReport = now;
        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>();
        var backlog = await outbox
            .Where(m => m.PublishedAt == null && m.GivenUpAt == null)
            .GroupBy(_ => 1)
            .Select(pending => new { Count = pending.LongCount(), Oldest = pending.Min(m => m.OccurredAt) })
            .SingleOrDefaultAsync(cancellationToken);
        var givenUp = await outbox.LongCountAsync(m => m.GivenUpAt != null, cancellationToken);
        telemetry.RecordBacklog(backlog?.Count ?? 0, backlog is null ? TimeSpan.Zero : now - backlog.Oldest, givenUp);
    }

    /// <summary>A refused row waits 1 s, 2 s, 4 s ... up to a minute before its next try.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    private static string Describe(Exception failure)
    {
        var text = ConfirmedPublisher.IsUnroutable(failure)
            ? "unroutable: no queue is bound for this routing key (has the consumer declared its queue?)"
            : $"{failure.GetType().Name}: {failure.Message}";
        return text.Length <= 1000 ? text : text[..1000];
    }

    /// <summary>Logs when publishing starts failing and works again, as the latest pass to end saw it.</summary>
    private void NoteBrokerState(long pass, IReadOnlyList<Exception?> failures)
    {
        var allFailed = failures.Count > 0 && failures.All(f => f is not null);
        using var _ = _brokerStateLock.EnterScope();
        // Overlapping passes can end out of order: an older pass's outcome is older news.
        if (pass < _brokerStateNotedByPass)
        {
            return;
        }

        _brokerStateNotedByPass = pass;
        if (allFailed && !_brokerUnavailable)
        {
            LogPublishingFailing(failures.Count, Describe(failures[0]!));
        }
        else if (!allFailed && _brokerUnavailable)
        {
            LogPublishingRecovered();
        }

        _brokerUnavailable = allFailed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay pass failed; retrying")]
    private partial void LogRelayFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} outbox event(s) failed: {Reason}. They stay in the outbox and are retried.")]
    private partial void LogPublishingFailing(int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing outbox events works again")]
    private partial void LogPublishingRecovered();

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up publishing event {EventId} ({EventType}, routing key {RoutingKey}) after {Attempts} attempts: the broker kept returning it as unroutable for {Elapsed}. It stays in the outbox with given_up_at set; see docs/operations.md to send it again.")]
    private partial void LogGivenUp(Guid eventId, string eventType, string routingKey, int attempts, TimeSpan elapsed);
}
