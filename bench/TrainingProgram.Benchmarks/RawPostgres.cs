using System.Diagnostics;
using Npgsql;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// The machine's limit for a durable enrollment: raw Npgsql transactions that insert one enrollment-like row
/// and one outbox-like row, against the same PostgreSQL server the pipeline uses, in a scratch schema.
/// </summary>
public sealed class RawPostgres(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString + ";Maximum Pool Size=64");

    public async Task PrepareAsync()
    {
        await using var command = _dataSource.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS bench;
            DROP TABLE IF EXISTS bench.enrollments, bench.outbox;
            CREATE TABLE bench.enrollments (id uuid PRIMARY KEY, student_id uuid NOT NULL, course_id uuid NOT NULL,
                status text NOT NULL, created_at timestamptz NOT NULL);
            CREATE TABLE bench.outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id uuid NOT NULL UNIQUE,
                payload jsonb NOT NULL, occurred_at timestamptz NOT NULL, published_at timestamptz);
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<TimeSpan> InsertOneAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var now = DateTime.UtcNow;
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("INSERT INTO bench.enrollments VALUES ($1, $2, $3, 'Active', $4)")
                {
                    Parameters = { new() { Value = id }, new() { Value = Guid.NewGuid() }, new() { Value = Guid.NewGuid() }, new() { Value = now } },
                },
                new("INSERT INTO bench.outbox (event_id, payload, occurred_at) VALUES ($1, $2::jsonb, $3)")
                {
                    Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = $$"""{"enrollmentId":"{{id}}"}""" }, new() { Value = now } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stopwatch.Elapsed;
    }

    /// <summary>What this server promises about durability, as it reports it.</summary>
    public async Task<string> DurabilityAsync()
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', wal_sync_method=' || current_setting('wal_sync_method') || ', ' || version()");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async Task CleanUpAsync()
    {
        await using var command = _dataSource.CreateCommand("DROP SCHEMA bench CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
