using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Answers every caller from one run of <paramref name="check"/> for <paramref name="freshFor"/> after that run
/// started; callers that arrive during a run wait for it. /health needs no token, and without this every request ran
/// every check (a database connection, a broker channel), so a flood of anonymous health requests loaded the servers
/// behind the service and took its connection pool from real requests.
/// </summary>
internal sealed class SharedHealthCheck(IHealthCheck check, TimeSpan freshFor, TimeProvider time) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _run;
    private long _runStarted;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> run;
        lock (_gate)
        {
            if (_run is null || (_run.IsCompleted && time.GetElapsedTime(_runStarted) >= freshFor))
            {
                _runStarted = time.GetTimestamp();

                // Not the caller's token: the run is everyone's, and a caller that goes away must not cancel it.
                _run = Task.Run(() => check.CheckHealthAsync(context, CancellationToken.None), CancellationToken.None);
            }

            run = _run;
        }

        return run.WaitAsync(cancellationToken);
    }
}
