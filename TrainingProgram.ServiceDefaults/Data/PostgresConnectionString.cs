using System.Data.Common;

namespace TrainingProgram.ServiceDefaults.Data;

/// <summary>What both services change in the PostgreSQL connection string the AppHost hands them.</summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// Prepared statements: Npgsql prepares a statement after its second use, so PostgreSQL parses and plans it once per
    /// connection instead of on every request (in the benchmark runs before and after, PostgreSQL's CPU per enrollment
    /// went from about 2.0 to 1.2 ms). A bounded pool: every replica of both services shares one server whose default
    /// limit is 100 connections; past it the server refuses new ones, and the clients' retries with backoff turned an
    /// overload into 20-second requests. Waiting for a pooled connection is cheaper, and two cores gain nothing from
    /// more concurrent transactions. No reset when a connection goes back to the pool: with prepared statements Npgsql
    /// cannot use DISCARD ALL and sends seven statements instead (CLOSE ALL, UNLISTEN *, RESET ALL ...), 28 of the 39
    /// statements an enrollment cost end to end in the benchmark; neither service leaves session state behind (no SET,
    /// LISTEN, temporary tables or session advisory locks; the Notification Service's locks are transaction-scoped).
    /// </summary>
    public static string? Tune(string? connectionString, int maxPoolSize)
    {
        if (connectionString is null)
        {
            return null;
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        builder["Max Auto Prepare"] = 64;
        builder["Auto Prepare Min Usages"] = 2;
        builder["Maximum Pool Size"] = maxPoolSize;
        builder["No Reset On Close"] = true;
        return builder.ConnectionString;
    }
}
