using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Answers within <paramref name="timeout"/> even when a check does not honour cancellation: Npgsql, for one,
/// waits out its whole connect timeout (15 s) on a server that accepts connections but never answers, as a
/// stopped container behind DCP's proxy does. The check runs in a scope of its own, disposed when the check
/// ends, because disposing a DbContext whose connection is still opening throws.
/// </summary>
internal sealed class TimeBoundHealthCheck(
    IServiceScopeFactory scopes, Func<IServiceProvider, IHealthCheck> createCheck, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // On the thread pool: a check (or its factory) that blocks before its first await is bounded too.
        var check = Task.Run(() => RunInOwnScopeAsync(context, cancellationToken), CancellationToken.None);
        try
        {
            var result = await check.WaitAsync(timeout, cancellationToken);

            // The caller went away (a probe that closed its connection): the check's "Unhealthy, canceled" is not the
            // server's health, and reporting it would log an error for nothing.
            cancellationToken.ThrowIfCancellationRequested();
            return result;
        }
        catch (TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No answer within {timeout.TotalSeconds:0} s.");
        }
    }

    private async Task<HealthCheckResult> RunInOwnScopeAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await createCheck(scope.ServiceProvider).CheckHealthAsync(context, deadline.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
