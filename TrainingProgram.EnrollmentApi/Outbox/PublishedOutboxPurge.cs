using Microsoft.Extensions.Options;

namespace TrainingProgram.EnrollmentApi.Outbox;

/// <summary>
/// Deletes published outbox rows once they are older than <see cref="OutboxOptions.Retention"/>: housekeeping, so
/// it makes no trace (its logs say what it purged).
/// </summary>
public sealed partial class PublishedOutboxPurge(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<PublishedOutboxPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = UntracedWork.Begin("outbox purge");
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
                var cutoff = clock.GetUtcNow() - options.Value.Retention;
                var purged = await db.OutboxMessages
                    .Where(m => m.PublishedAt != null && m.PublishedAt < cutoff)
                    .ExecuteDeleteAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} outbox row(s) published before {Cutoff}")]
    private partial void LogPurged(int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging published outbox rows failed; the next pass retries")]
    private partial void LogPurgeFailed(Exception exception);
}
