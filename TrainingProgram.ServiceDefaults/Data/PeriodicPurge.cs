using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TrainingProgram.ServiceDefaults.Data;

/// <summary>
/// Deletes rows past their retention at start-up and then every <see cref="Interval"/>, <see cref="BatchSize"/> rows
/// per statement until none is left, so that a large backlog never becomes one long lock-holding statement.
/// Housekeeping, so it makes no trace (<see cref="UntracedWork"/>); its log says what it deleted, and a failed pass is
/// retried at the next interval.
/// </summary>
public abstract partial class PeriodicPurge(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What is purged, for the log and the hidden trace scope, e.g. "published outbox rows".</summary>
    protected abstract string What { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract TimeSpan Retention { get; }

    protected virtual int BatchSize => 1000;

    /// <summary>Deletes up to <paramref name="batchSize"/> rows older than <paramref name="cutoff"/>; returns how many.</summary>
    protected abstract Task<int> DeleteBatchAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var untraced = UntracedWork.Begin($"purge of {What}");
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var cutoff = clock.GetUtcNow() - Retention;
                long purged = 0;
                int batch;
                do
                {
                    batch = await DeleteBatchAsync(cutoff, BatchSize, stoppingToken);
                    purged += batch;
                }
                while (batch == BatchSize);

                if (purged > 0)
                {
                    LogPurged(purged, What, cutoff);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPurgeFailed(ex, What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} {What} from before {Cutoff}")]
    private partial void LogPurged(long count, string what, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging {What} failed; the next pass retries")]
    private partial void LogPurgeFailed(Exception exception, string what);
}
