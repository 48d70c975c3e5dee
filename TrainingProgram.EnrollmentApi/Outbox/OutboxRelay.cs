using Microsoft.Extensions.Options;

namespace TrainingProgram.EnrollmentApi.Outbox;

/// <summary>
/// Publishes committed outbox rows: woken by <see cref="OutboxSignal"/> on commit, and every
/// <see cref="OutboxOptions.PollInterval"/> otherwise, it keeps trying while the broker is away. Each batch is
/// locked with FOR UPDATE SKIP LOCKED for the duration of its publish, so replicas relaying at once take
/// disjoint rows, and it is marked published only after the broker's confirms.
/// </summary>
/// <remarks>
/// Its polls, locks and marks are housekeeping and make no trace; each publish is a span in the trace of the
/// request that caused its event.
/// </remarks>
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopes,
    EnrollmentEventPublisher publisher,
    OutboxSignal signal,
    OutboxTelemetry telemetry,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan BacklogReportInterval = TimeSpan.FromSeconds(5);
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _lastBacklogReport;
    private bool _brokerUnavailable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = UntracedWork.Begin("outbox relay");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RelayBatchAsync(stoppingToken))
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

    /// <summary>Publishes one batch of due rows; returns whether more may be waiting right now.</summary>
    private async Task<bool> RelayBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancellationToken =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var batch = await db.OutboxMessages
                .FromSql($"""
                    SELECT * FROM outbox_messages
                    WHERE published_at IS NULL AND next_attempt_at <= {now}
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
            var failures = await PublishOrFailAllAsync(batch, publishTimeout.Token);

            var publishedAt = clock.GetUtcNow();
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];
                if (failures[i] is { } failure)
                {
                    message.LastError = Describe(failure);

                    // A message the broker refused (unroutable, nacked) backs off; one that never reached a broker
                    // (connection down, recovering) is not counted and is tried again at the next pass, so it leaves
                    // as soon as the broker is back, and an outage does not lengthen the backoff of a refusal right
                    // after it (a quorum queue still starting up refuses for a moment).
                    if (failure is RabbitMQ.Client.Exceptions.PublishException)
                    {
                        message.Attempts++;
                        message.NextAttemptAt = publishedAt + Backoff(message.Attempts);
                    }
                }
                else
                {
                    message.Attempts++;
                    message.PublishedAt = publishedAt;
                    message.LastError = null;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var failed = failures.Count(f => f is not null);
            telemetry.Published.Add(batch.Count - failed);
            telemetry.PublishFailed.Add(failed);
            NoteBrokerState(failures);
            return batch.Count == _options.BatchSize && failed < batch.Count;
        }, stoppingToken);
    }

    private async Task<IReadOnlyList<Exception?>> PublishOrFailAllAsync(List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        try
        {
            return await publisher.PublishAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // No channel (broker away, connection recovering) or the publish timed out: nothing is published.
            return [.. batch.Select(_ => ex)];
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
        var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
        var backlog = await db.OutboxMessages
            .Where(m => m.PublishedAt == null)
            .GroupBy(_ => 1)
            .Select(pending => new { Count = pending.LongCount(), Oldest = pending.Min(m => m.OccurredAt) })
            .SingleOrDefaultAsync(cancellationToken);
        telemetry.RecordBacklog(backlog?.Count ?? 0, backlog is null ? TimeSpan.Zero : now - backlog.Oldest);
    }

    /// <summary>A refused row waits 1 s, 2 s, 4 s ... up to a minute before its next try.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    private static string Describe(Exception failure)
    {
        var text = failure is RabbitMQ.Client.Exceptions.PublishException { IsReturn: true }
            ? "unroutable: no queue is bound for this routing key (is the Notification Service's queue declared?)"
            : $"{failure.GetType().Name}: {failure.Message}";
        return text.Length <= 1000 ? text : text[..1000];
    }

    private void NoteBrokerState(IReadOnlyList<Exception?> failures)
    {
        var allFailed = failures.Count > 0 && failures.All(f => f is not null);
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
}
