using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TrainingProgram.AppHost.LocalServers;

/// <summary>
/// A health check that keeps probing every 200 ms for a few seconds before it gives up. Aspire backs off
/// between failed checks (1 s, 2 s, ... 5 s), so without this a server that becomes ready just after a
/// failed check would be reported up to five seconds late.
/// </summary>
internal sealed class ReadinessHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200);

    public static HealthCheckRegistration Register(string name, Func<CancellationToken, Task> probe) =>
        new(name, _ => new ReadinessHealthCheck(probe), failureStatus: HealthStatus.Unhealthy, tags: null);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(Window);
        Exception? lastFailure = null;
        while (!window.IsCancellationRequested)
        {
            try
            {
                await probe(window.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = ex;
                try
                {
                    await Task.Delay(Step, window.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        return HealthCheckResult.Unhealthy(lastFailure?.Message ?? "not ready", lastFailure);
    }
}
