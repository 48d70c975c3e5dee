using Microsoft.EntityFrameworkCore;

namespace TrainingProgram.Identity.Data;

public static class DatabaseTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. The retrying execution strategy of the Aspire integration
    /// wants a user transaction inside it, and may run the work again after a transient failure: the work starts
    /// from an empty change tracker each time.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this IdentityDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);
}
