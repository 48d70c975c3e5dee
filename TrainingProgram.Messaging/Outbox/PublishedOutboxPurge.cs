using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.Messaging.Outbox;

/// <summary>Deletes published outbox rows older than <see cref="OutboxOptions.Retention"/>; pending and given-up rows stay.</summary>
internal sealed class PublishedOutboxPurge<TContext>(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<PublishedOutboxPurge<TContext>> logger)
    : PeriodicPurge(clock, logger)
    where TContext : DbContext
{
    protected override string What => "published outbox rows";

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override TimeSpan Retention => options.Value.Retention;

    protected override int BatchSize => options.Value.PurgeBatchSize;

    protected override async Task<int> DeleteBatchAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Database.ExecuteSqlAsync($"""
            DELETE FROM outbox_messages
            WHERE id IN (SELECT id FROM outbox_messages
                         WHERE published_at IS NOT NULL AND published_at < {cutoff}
                         ORDER BY published_at LIMIT {batchSize})
            """, cancellationToken);
    }
}
