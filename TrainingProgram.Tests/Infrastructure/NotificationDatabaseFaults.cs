using Npgsql;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// Faults injected into the real notificationdb, for the failures a stopped server cannot produce: a statement that
/// fails for one kind of row (a trigger), or the database refusing connections while the server keeps running.
/// Everything created is dropped by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class NotificationDatabaseFaults : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly NpgsqlDataSource _server;
    private readonly string _name = $"fault_{Guid.NewGuid():N}"[..20];
    private readonly List<string> _cleanup = [];

    private NotificationDatabaseFaults(NpgsqlDataSource database, NpgsqlDataSource server)
    {
        _database = database;
        _server = server;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<NotificationDatabaseFaults> ConnectAsync(TrainingProgramApp app)
    {
        var database = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync(ResourceNames.NotificationDb)) { Pooling = false };
        var server = new NpgsqlConnectionStringBuilder(await app.GetConnectionStringAsync(ResourceNames.Postgres)) { Database = "postgres", Pooling = false };
        return new(NpgsqlDataSource.Create(database), NpgsqlDataSource.Create(server));
    }

    /// <summary>
    /// Every update that marks a notification Sent fails (as when the database drops away right after the SMTP server
    /// accepted the email); <see cref="FailedSentUpdatesAsync"/> counts them.
    /// </summary>
    public async Task FailSentUpdatesAsync()
    {
        await ExecuteAsync(_database, $"""
            CREATE SEQUENCE {_name}_hits;
            CREATE FUNCTION {_name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval('{_name}_hits');
                RAISE EXCEPTION 'injected fault: the Sent update fails' USING ERRCODE = '08006';
            END $$;
            CREATE TRIGGER {_name} BEFORE UPDATE ON notifications
                FOR EACH ROW WHEN (NEW.status = 'Sent') EXECUTE FUNCTION {_name}();
            """);
        _cleanup.Add($"DROP TRIGGER IF EXISTS {_name} ON notifications; DROP FUNCTION IF EXISTS {_name}(); DROP SEQUENCE IF EXISTS {_name}_hits;");
    }

    /// <summary>How many Sent updates the fault has refused so far (a sequence: it counts even in rolled-back transactions).</summary>
    public async Task<long> FailedSentUpdatesAsync()
    {
        await using var command = _database.CreateCommand($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {_name}_hits");
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>
    /// Claiming a notification for a recipient that starts with <paramref name="recipientPrefix"/> fails with a data
    /// error: a failure of the message itself, so every attempt counts.
    /// </summary>
    public async Task FailClaimsForAsync(string recipientPrefix)
    {
        await ExecuteAsync(_database, $"""
            CREATE FUNCTION {_name}_claim() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'injected fault: this notification cannot be stored' USING ERRCODE = '22000';
            END $$;
            CREATE TRIGGER {_name}_claim BEFORE INSERT ON notifications
                FOR EACH ROW WHEN (NEW.recipient LIKE '{recipientPrefix.Replace("'", "''", StringComparison.Ordinal)}%') EXECUTE FUNCTION {_name}_claim();
            """);
        _cleanup.Add($"DROP TRIGGER IF EXISTS {_name}_claim ON notifications; DROP FUNCTION IF EXISTS {_name}_claim();");
    }

    /// <summary>Lifts the faults set so far (the database stays as it was otherwise).</summary>
    public async Task LiftAsync()
    {
        foreach (var sql in _cleanup)
        {
            await ExecuteAsync(_database, sql);
        }

        _cleanup.Clear();
    }

    /// <summary>notificationdb refuses new connections and drops the open ones; the server (and enrollmentdb) keep running.</summary>
    public async Task TakeDatabaseDownAsync()
    {
        await ExecuteAsync(_server, $"""
            ALTER DATABASE {ResourceNames.NotificationDb} WITH ALLOW_CONNECTIONS false;
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{ResourceNames.NotificationDb}';
            """);
    }

    public Task BringDatabaseBackAsync() =>
        ExecuteAsync(_server, $"ALTER DATABASE {ResourceNames.NotificationDb} WITH ALLOW_CONNECTIONS true;");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await BringDatabaseBackAsync();
            await LiftAsync();
        }
        finally
        {
            await _database.DisposeAsync();
            await _server.DisposeAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
