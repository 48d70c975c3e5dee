using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TrainingProgram.ServiceDefaults.Data;

public static class DatabaseMigration
{

    /// <summary>
    /// Applies pending migrations inside the context's execution strategy (the retrying strategy of the Aspire
    /// integration wants every unit of work wrapped in it). Replicas may start together: EF Core 9+ locks the
    /// database around MigrateAsync, so one migrates and the others find nothing left to apply.
    /// </summary>
    /// <remarks>
    /// On a new database EF Core reads "__EFMigrationsHistory" before creating it and logs the failed SELECT at
    /// Error, which shows as an error on every clean start in the dashboard. The table is created first, with EF's
    /// own script, under an advisory lock, because concurrent CREATE TABLE IF NOT EXISTS can still collide in
    /// PostgreSQL's catalog.
    /// </remarks>
    public static async Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        // EF's own DDL, not user input.
        var createHistoryTable = $"""
            DO $create_history$
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtext('__EFMigrationsHistory'));
                {db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript()}
            END
            $create_history$;
            """;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db.Database, createHistoryTable),
            static async (_, state, token) =>
            {
                await state.Database.ExecuteSqlRawAsync(state.createHistoryTable, token);
                await state.Database.MigrateAsync(token);
                return true;
            },
            verifySucceeded: null,
            cancellationToken);
    }
}
