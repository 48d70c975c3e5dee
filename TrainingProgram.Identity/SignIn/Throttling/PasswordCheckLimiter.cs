using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// How many password and client-secret hashes one replica computes at once. Past that, and a short queue, the answer
/// is 503 with Retry-After instead of a pile of requests holding the 4 database connections and every core. Per
/// replica on purpose: the cores and the connection pool it protects are per replica.
/// </summary>
public sealed class PasswordCheckLimiter : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _queueTimeout;

    public PasswordCheckLimiter(IOptions<SignInThrottleOptions> options)
    {
        var permits = options.Value.ConcurrentChecks > 0 ? options.Value.ConcurrentChecks : Environment.ProcessorCount;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            // Room for a burst of honest requests (a term's first morning); the queue timeout, not its length, is
            // what turns sustained overload into 503s.
            QueueLimit = permits * 32,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _queueTimeout = options.Value.CheckQueueTimeout;
    }

    /// <summary>The seconds a client is told to wait when the limiter is full.</summary>
    public const int RetryAfterSeconds = 1;

    /// <returns>A lease to dispose after the check, or null when the replica is saturated.</returns>
    public async Task<RateLimitLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_queueTimeout);
        try
        {
            var lease = await _limiter.AcquireAsync(1, timeout.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
