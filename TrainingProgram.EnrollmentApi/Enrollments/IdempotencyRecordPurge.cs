using Microsoft.Extensions.Options;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>Forgets Idempotency-Key records older than <see cref="IdempotencyOptions.Retention"/>.</summary>
public sealed class IdempotencyRecordPurge(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencyOptions> options, ILogger<IdempotencyRecordPurge> logger)
    : PeriodicPurge(clock, logger)
{
    protected override string What => "Idempotency-Key records";

    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override TimeSpan Retention => options.Value.Retention;

    protected override async Task<int> DeleteBatchAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EnrollmentDbContext>().Database.ExecuteSqlAsync($"""
            DELETE FROM idempotency_keys
            WHERE (caller, key) IN (SELECT caller, key FROM idempotency_keys WHERE created_at < {cutoff} ORDER BY created_at LIMIT {batchSize})
            """, cancellationToken);
    }
}
