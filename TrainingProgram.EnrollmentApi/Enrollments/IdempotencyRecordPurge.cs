using Microsoft.Extensions.Options;
using TrainingProgram.ServiceDefaults;

namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>
/// Forgets Idempotency-Key records older than <see cref="IdempotencyOptions.Retention"/>, a thousand at a time:
/// housekeeping, so it makes no trace (its logs say what it purged).
/// </summary>
public sealed partial class IdempotencyRecordPurge(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencyOptions> options, ILogger<IdempotencyRecordPurge> logger) : BackgroundService
{
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = UntracedWork.Begin("idempotency key purge");
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                var cutoff = clock.GetUtcNow() - options.Value.Retention;
                long purged = 0;
                int batch;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>();
                    batch = await db.Database.ExecuteSqlAsync($"""
                        DELETE FROM idempotency_keys
                        WHERE key IN (SELECT key FROM idempotency_keys WHERE created_at < {cutoff} ORDER BY created_at LIMIT {BatchSize})
                        """, stoppingToken);
                    purged += batch;
                }
                while (batch == BatchSize);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} Idempotency-Key record(s) created before {Cutoff}")]
    private partial void LogPurged(long count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging Idempotency-Key records failed; the next pass retries")]
    private partial void LogPurgeFailed(Exception exception);
}
