using Npgsql;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// What a phase cost the database, per database, from the server's own statistics: statements executed
/// (pg_stat_statements, loaded by the benchmark's topology) and transactions committed (pg_stat_database).
/// The benchmark's own queries carry <see cref="Marker"/> and are left out.
/// </summary>
public sealed class SqlStatements(string server)
{
    public const string Marker = "/* benchmark */";

    private readonly PostgresRoundTrips _roundTrips = new(new NpgsqlConnectionStringBuilder(server).Port);

    public async Task PrepareAsync()
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<Snapshot> StartAsync()
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using (var reset = new NpgsqlCommand($"{Marker} SELECT pg_stat_statements_reset()", connection))
        {
            await reset.ExecuteNonQueryAsync();
        }

        return new Snapshot(server, await CommitsAsync(connection), _roundTrips, _roundTrips.Snapshot());
    }

    private static async Task<Dictionary<string, long>> CommitsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"{Marker} SELECT datname, xact_commit FROM pg_stat_database WHERE datname IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var commits = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            commits[reader.GetString(0)] = reader.GetInt64(1);
        }

        return commits;
    }

    public sealed class Snapshot(string server, Dictionary<string, long> commitsBefore, PostgresRoundTrips roundTrips, Dictionary<string, long> segmentsBefore)
    {
        /// <summary>Statements and transactions since the start, per database, and round trips, each divided by <paramref name="per"/>.</summary>
        public async Task<SqlCost> StopAsync(long per, params string[] databases)
        {
            // Before the benchmark's own queries below; those made while accounting for the emails are in it (a few dozen).
            var segments = roundTrips.Since(segmentsBefore);
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            // An idle backend reports its counters to pg_stat_database within PGSTAT_IDLE_INTERVAL (10 s) of its last
            // transaction.
            await Task.Delay(TimeSpan.FromSeconds(11));
            var commits = await CommitsAsync(connection);
            await using var command = new NpgsqlCommand($"""
                {Marker} SELECT d.datname, s.calls, regexp_replace(s.query, '\s+', ' ', 'g')
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = ANY($1) AND s.toplevel
                ORDER BY s.calls DESC
                """, connection)
            {
                Parameters = { new() { Value = databases } },
            };
            await using var reader = await command.ExecuteReaderAsync();
            var statements = new List<(string Database, long Calls, string Query)>();
            while (await reader.ReadAsync())
            {
                statements.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }

            // Each of the benchmark's own (marked) statements ran in a transaction of its own: those are taken out too.
            var ours = statements.Where(s => s.Query.Contains(Marker, StringComparison.Ordinal)).ToList();
            var theirs = statements.Except(ours).ToList();
            return new SqlCost(
                per,
                (double)segments / per,
                [.. databases.Select(database => new DatabaseCost(
                    database,
                    (double)theirs.Where(s => s.Database == database).Sum(s => s.Calls) / per,
                    (double)(commits.GetValueOrDefault(database) - commitsBefore.GetValueOrDefault(database)
                        - ours.Where(s => s.Database == database).Sum(s => s.Calls)) / per,
                    [.. theirs.Where(s => s.Database == database && s.Calls >= per / 10)
                        .Select(s => new StatementCost(Shorten(s.Query), (double)s.Calls / per))]))]);
        }

        private static string Shorten(string query) => query.Length <= 120 ? query : query[..117] + "...";
    }
}

/// <param name="Per">What the figures are divided by: the enrollments the phase made.</param>
/// <param name="RoundTrips">Client round trips to the server per enrollment, all databases (<see cref="PostgresRoundTrips"/>).</param>
public sealed record SqlCost(long Per, double RoundTrips, IReadOnlyList<DatabaseCost> Databases);

/// <param name="Statements">Top-level statements per enrollment (a batch counts each of its statements).</param>
/// <param name="Transactions">Committed transactions per enrollment, including single-statement ones.</param>
/// <param name="Frequent">The statements run at least once every ten enrollments, with their count per enrollment.</param>
public sealed record DatabaseCost(string Database, double Statements, double Transactions, IReadOnlyList<StatementCost> Frequent);

public sealed record StatementCost(string Query, double PerEnrollment);
