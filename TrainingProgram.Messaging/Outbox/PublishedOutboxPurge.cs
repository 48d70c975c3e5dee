using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainingProgram.ServiceDefaults;

namespace TrainingProgram.Messaging.Outbox;

/// <summary>
/// Deletes published outbox rows once they are older than <see cref="OutboxOptions.Retention"/>, in batches of
/// <see cref="OutboxOptions.PurgeBatchSize"/> so that a large backlog never becomes one long lock-holding statement.
/// Housekeeping, so it makes no trace (its logs say what it purged).
/// </summary>
internal sealed partial class PublishedOutboxPurge<TContext>(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<PublishedOutboxPurge<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = UntracedWork.Begin("outbox purge");
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                var cutoff = clock.GetUtcNow() - options.Value.Retention;
                var purged = await PurgeAsync(cutoff, options.Value.PurgeBatchSize, stoppingToken);
                if (purged > 0)
                {
                    LogPurged(purged, cutoff);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPurgeFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<long> PurgeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        long total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var purged = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM outbox_messages
                WHERE id IN (SELECT id FROM outbox_messages
                             WHERE published_at IS NOT NULL AND published_at < {cutoff}
                             ORDER BY published_at LIMIT {batchSize})
                """, cancellationToken);
            total += purged;
            if (purged < batchSize)
            {
                break;
            }
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} outbox row(s) published before {Cutoff}")]
    private partial void LogPurged(long count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging published outbox rows failed; the next pass retries")]
    private partial void LogPurgeFailed(Exception exception);
}
