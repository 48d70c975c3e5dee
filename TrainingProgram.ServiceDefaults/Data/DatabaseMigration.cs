using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TrainingProgram.ServiceDefaults.Data;

public static class DatabaseMigration
{
    /// <summary>
    /// Applies pending migrations inside the context's execution strategy (the retrying strategy of the Aspire
    /// integration wants every unit of work wrapped in it), holding a session-level advisory lock on the database
    /// throughout, so that replicas starting together migrate one after the other and the later ones find nothing
    /// left to apply. EF Core's own migration lock is not enough: two API replicas were seen applying the same
    /// migration one after the other ("column already exists").
    /// </summary>
    /// <remarks>
    /// On a new database EF Core reads "__EFMigrationsHistory" before creating it and logs the failed SELECT at
    /// Error, which shows as an error on every clean start in the dashboard, so the table is created first with
    /// EF's own script.
    /// </remarks>
    public static async Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        // EF's own DDL, not user input.
        var createHistoryTable = db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db.Database, createHistoryTable),
            static async (_, state, token) =>
            {
                var database = state.Database;
                await database.OpenConnectionAsync(token);
                try
                {
                    await database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(hashtext('__EFMigrationsHistory'))", token);
                    await database.ExecuteSqlRawAsync(state.createHistoryTable, token);
                    await database.MigrateAsync(token);
                }
                finally
                {
                    // Closing the connection releases the lock too; unlocking first keeps a pooled connection clean.
                    await TryUnlockAsync(database);
                    await database.CloseConnectionAsync();
                }

                return true;
            },
            verifySucceeded: null,
            cancellationToken);
    }

    private static async Task TryUnlockAsync(DatabaseFacade database)
    {
        try
        {
            await database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock_all()");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The connection is broken: closing it below ends the session and its locks with it.
        }
    }
}
