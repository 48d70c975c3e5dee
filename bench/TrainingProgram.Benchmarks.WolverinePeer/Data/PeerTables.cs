namespace TrainingProgram.Benchmarks.WolverinePeer.Data;

public static class PeerTables
{
    /// <summary>
    /// Creates the peer's tables in its new database (a benchmark peer has no migrations). It has to run before
    /// Wolverine starts: EnsureCreated does nothing once the database holds any table, and Wolverine creates its own
    /// at start-up.
    /// </summary>
    public static async Task CreatePeerTablesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PeerDbContext>().Database.EnsureCreatedAsync();
    }
}
