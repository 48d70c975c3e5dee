using Microsoft.Extensions.Options;
using TrainingProgram.ServiceDefaults;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>
/// Deletes settled notifications older than <see cref="NotificationOptions.Retention"/>, a thousand at a time:
/// housekeeping, so it makes no trace (its logs say what it purged).
/// </summary>
internal sealed partial class SettledNotificationPurge(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<SettledNotificationPurge> logger)
    : BackgroundService
{
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = UntracedWork.Begin("notification purge");
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
                    batch = await scope.ServiceProvider.GetRequiredService<NotificationStore>().PurgeSettledAsync(cutoff, BatchSize, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} settled notification(s) created before {Cutoff}")]
    private partial void LogPurged(long count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging settled notifications failed; the next pass retries")]
    private partial void LogPurgeFailed(Exception exception);
}
