using Microsoft.Extensions.Options;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>Deletes settled notifications (not Pending) older than <see cref="NotificationOptions.Retention"/>.</summary>
internal sealed class SettledNotificationPurge(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<SettledNotificationPurge> logger)
    : PeriodicPurge(clock, logger)
{
    protected override string What => "settled notifications";

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override TimeSpan Retention => options.Value.Retention;

    protected override async Task<int> DeleteBatchAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationStore>().PurgeSettledAsync(cutoff, batchSize, cancellationToken);
    }
}
