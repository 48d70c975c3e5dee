using Npgsql;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.EnrollmentApi;

/// <summary>Direct SQL on enrollmentdb, to check what the API really stored.</summary>
public sealed class EnrollmentDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public static async Task<EnrollmentDatabase> ConnectAsync(TrainingProgramApp app) =>
        new(NpgsqlDataSource.Create(await app.GetConnectionStringAsync(ResourceNames.EnrollmentDb)
            ?? throw new InvalidOperationException("enrollmentdb has no connection string")));

    public Task<long> CountEnrollmentsAsync(Guid courseId) =>
        ScalarAsync<long>("SELECT count(*) FROM enrollments WHERE course_id = $1", courseId);

    public Task<long> CountActiveEnrollmentsAsync(Guid courseId) =>
        ScalarAsync<long>("SELECT count(*) FROM enrollments WHERE course_id = $1 AND status = 'Active'", courseId);

    public Task<long> CountEnrollmentsOfStudentAsync(Guid studentId) =>
        ScalarAsync<long>("SELECT count(*) FROM enrollments WHERE student_id = $1", studentId);

    public Task<int> SeatsTakenAsync(Guid courseId) => ScalarAsync<int>("SELECT seats_taken FROM courses WHERE id = $1", courseId);

    public Task<long> CountIdempotencyKeysAsync(string key) => ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE key = $1", key);

    public Task<long> CountStudentsAsync(string studentNumber) =>
        ScalarAsync<long>("SELECT count(*) FROM students WHERE student_number = $1", studentNumber);

    /// <summary>The database server's clock.</summary>
    public async Task<DateTimeOffset> NowAsync() => new(await ScalarAsync<DateTime>("SELECT clock_timestamp()"));

    public Task<long> CountAllStudentsAsync() => ScalarAsync<long>("SELECT count(*) FROM students");

    public Task<long> CountCoursesAsync(string code) => ScalarAsync<long>("SELECT count(*) FROM courses WHERE upper(code) = upper($1)", code);

    public Task<string> EnrollmentCreatedByAsync(Guid enrollmentId) =>
        ScalarAsync<string>("SELECT created_by FROM enrollments WHERE id = $1", enrollmentId);

    /// <summary>
    /// The course's counters ("seats taken, seats held, students waiting") and the same three counted from the rows
    /// (active enrollments, open offers, waiting entries): every change must keep them equal.
    /// </summary>
    public async Task<(string Counters, string Rows)> CourseCountersAndRowsAsync(Guid courseId) => (
        await ScalarAsync<string>("SELECT concat_ws(' ', seats_taken, seats_held, waitlist_length) FROM courses WHERE id = $1", courseId),
        await ScalarAsync<string>("""
            SELECT concat_ws(' ',
                (SELECT count(*) FROM enrollments WHERE course_id = $1 AND status = 'Active'),
                (SELECT count(*) FROM waitlist_entries WHERE course_id = $1 AND status = 'Offered'),
                (SELECT count(*) FROM waitlist_entries WHERE course_id = $1 AND status = 'Waiting'))
            """, courseId));

    /// <summary>Runs a statement (a test moving an offer's deadline); returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>An outbox row as the relay left it, or null when there is none.</summary>
    public async Task<(bool Published, int Attempts, string? LastError)?> OutboxRowAsync(Guid eventId)
    {
        await using var command = dataSource.CreateCommand("SELECT published_at IS NOT NULL, attempts, last_error FROM outbox_messages WHERE event_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        return await reader.ReadAsync(TestContext.Current.CancellationToken)
            ? (reader.GetBoolean(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
