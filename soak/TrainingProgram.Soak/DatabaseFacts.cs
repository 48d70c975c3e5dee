using Npgsql;

namespace TrainingProgram.Soak;

public sealed record EnrollmentRow(Guid Id, Guid StudentId, Guid CourseId, bool Cancelled);

public sealed record CourseRow(Guid Id, string Code, int Capacity, int SeatsTaken, int Active);

public sealed record OutboxEvent(Guid EventId, string EventType, Guid EnrollmentId, bool Published);

public sealed record NotificationRow(Guid EventId, string Status, DateTimeOffset? SentAt);

/// <summary>
/// What the two databases hold once the run is over: the truth the checks hold the emails and the API's answers
/// against. Read with each service's own role, as the services see their data.
/// </summary>
public sealed record DatabaseFacts(
    IReadOnlyList<EnrollmentRow> Enrollments,
    IReadOnlyList<CourseRow> Courses,
    IReadOnlyList<OutboxEvent> Outbox,
    IReadOnlyDictionary<Guid, NotificationRow> Notifications,
    bool KnowsSuperseded,
    long? DeadLetterRows)
{
    public const string Superseded = "Superseded";

    public static readonly DatabaseFacts Empty = new([], [], [], new Dictionary<Guid, NotificationRow>(), KnowsSuperseded: false, DeadLetterRows: null);

    public static async Task<DatabaseFacts> ReadAsync(string enrollmentDb, string notificationDb, Catalogue catalogue)
    {
        await using var enrollments = NpgsqlDataSource.Create(enrollmentDb);
        var students = catalogue.Students.Select(s => s.Id).ToArray();
        var courses = catalogue.Courses.Select(c => c.Id).ToArray();
        var rows = await QueryAsync(enrollments,
            "SELECT id, student_id, course_id, status = 'Cancelled' FROM enrollments WHERE student_id = ANY($1)",
            r => new EnrollmentRow(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetBoolean(3)), students);
        var courseRows = await QueryAsync(enrollments, """
            SELECT c.id, c.code, c.capacity, c.seats_taken,
                   (SELECT count(*) FROM enrollments e WHERE e.course_id = c.id AND e.status = 'Active')::int
            FROM courses c WHERE c.id = ANY($1)
            """,
            r => new CourseRow(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)), courses);
        var outbox = await QueryAsync(enrollments,
            "SELECT event_id, event_type, (payload->>'enrollmentId')::uuid, published_at IS NOT NULL FROM outbox_messages",
            r => new OutboxEvent(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetBoolean(3)));

        await using var notifications = NpgsqlDataSource.Create(notificationDb);
        var notificationRows = await QueryAsync(notifications,
            "SELECT event_id, status, sent_at FROM notifications",
            r => new NotificationRow(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2)));
        // Superseded is the status the Notification Service is to record for a confirmation that a cancellation
        // overtook (issue 11); a schema that cannot hold it cannot excuse a missing confirmation.
        var knowsSuperseded = (await QueryAsync(notifications, $"""
            SELECT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                           WHERE t.relname = 'notifications' AND pg_get_constraintdef(c.oid) LIKE '%{Superseded}%')
                OR EXISTS (SELECT 1 FROM notifications WHERE status = '{Superseded}')
            """, r => r.GetBoolean(0))).Single();
        var hasDeadLetterTable = (await QueryAsync(notifications, "SELECT to_regclass('dead_letters') IS NOT NULL", r => r.GetBoolean(0))).Single();
        long? deadLetterRows = hasDeadLetterTable
            ? (await QueryAsync(notifications, "SELECT count(*) FROM dead_letters", r => r.GetInt64(0))).Single()
            : null;

        return new DatabaseFacts(rows, courseRows, outbox, notificationRows.ToDictionary(n => n.EventId), knowsSuperseded, deadLetterRows);
    }

    /// <summary>Outbox rows not yet published to the broker: while there are any, events are still on their way.</summary>
    public static async Task<long> UnpublishedAsync(string enrollmentDb, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(enrollmentDb);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
