using Npgsql;

namespace TrainingProgram.Testing.Messaging;

/// <summary>The Enrollment API's transactional outbox, read with SQL on enrollmentdb.</summary>
public sealed class EnrollmentOutbox
{
    private readonly Func<CancellationToken, Task<string>> _connectionString;
    private readonly TopologyTimeouts _timeouts;
    private readonly Func<string>? _diagnostics;

    internal EnrollmentOutbox(Func<CancellationToken, Task<string>> connectionString, TopologyTimeouts timeouts, Func<string>? diagnostics)
    {
        _connectionString = connectionString;
        _timeouts = timeouts;
        _diagnostics = diagnostics;
    }

    /// <summary>Events committed but not yet confirmed by the broker (nor given up on).</summary>
    public async Task<long> PendingAsync(CancellationToken cancellationToken = default)
    {
        var ct = cancellationToken.CanBeCanceled ? cancellationToken : TestCancellation.Current;
        await using var connection = new NpgsqlConnection(await _connectionString(ct));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL AND given_up_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Polls until every committed event is published: the relay has handed everything to the broker.</summary>
    public Task WaitForEmptyAsync(TimeSpan? timeout = null) =>
        Eventually.Until(PendingAsync, pending => pending == 0, "an empty outbox", timeout ?? _timeouts.Outcome, _diagnostics);
}
