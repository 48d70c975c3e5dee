using System.Net;
using System.Text.Json;
using CsCheck;
using Npgsql;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Fuzzing;

/// <summary>
/// Requests generated from the OpenAPI document for every endpoint, with random and boundary values in the path,
/// query, headers and body: every answer is 2xx, or a 4xx problem that changed nothing. The one exception to
/// "problem": Kestrel refuses a few requests at the protocol level (a NUL byte in the path, say) before any
/// application code runs, with a bare 400 and the connection closed.
/// </summary>
[Collection(IsolatedTopology.Name)]
public sealed class GeneratedRequestTests(IsolatedApp app)
{
    private const int Requests = 3000;

    /// <summary>Everything a request to the Enrollment API could change.</summary>
    private const string StateSql = """
        SELECT concat_ws(' ',
            (SELECT count(*) FROM students), (SELECT count(*) FROM courses),
            (SELECT count(*) FROM enrollments), (SELECT count(*) FROM enrollments WHERE status = 'Cancelled'),
            (SELECT coalesce(sum(seats_taken), 0) FROM courses), (SELECT count(*) FROM idempotency_keys),
            (SELECT count(*) FROM outbox_messages),
            (SELECT coalesce(sum(seats_held), 0) FROM courses), (SELECT coalesce(sum(waitlist_length), 0) FROM courses),
            (SELECT coalesce(sum(capacity), 0) FROM courses), (SELECT coalesce(sum(waitlist_capacity), 0) FROM courses),
            (SELECT count(*) FROM waitlist_entries), (SELECT count(*) FROM waitlist_entries WHERE status IN ('Waiting', 'Offered')))
        """;

    [Fact]
    public async Task Every_generated_request_gets_a_success_or_a_client_problem_that_changes_nothing()
    {
        using var api = EnrollmentApiClient.For(app);
        using var notifications = app.CreateRegistrarClient(ResourceNames.NotificationService);
        await using var database = NpgsqlDataSource.Create((await app.GetConnectionStringAsync(ResourceNames.EnrollmentDb))!);
        var known = new KnownIds();
        var student = await api.CreateStudentAsync();
        var course = await api.CreateCourseAsync(capacity: 10_000);
        known.Add("studentId", student.Id);
        known.Add("courseId", course.Id);
        known.Add("enrollmentId", (await api.CreateEnrollmentAsync(student.Id, course.Id)).Id);
        var fullCourse = await api.CreateCourseAsync(capacity: 1, waitlistCapacity: 5);
        known.Add("courseId", fullCourse.Id);
        await api.CreateEnrollmentAsync(student.Id, fullCourse.Id);
        known.Add("waitlistEntryId", (await api.JoinWaitlistAsync((await api.CreateStudentAsync()).Id, fullCourse.Id)).Id);
        var generator = new RequestGenerator(known);
        var document = await api.GetAsync<JsonElement>("/openapi/v1.json");
        var requests = Gen.Frequency(
            (12, generator.For(ResourceNames.EnrollmentApi, document)),
            (1, generator.ForQuery(ResourceNames.NotificationService, "/notifications", "enrollmentId", isGuid: true)));

        var state = await StateAsync(database);
        var sent = 0;
        var refusedByKestrel = 0;
        await requests.SampleAsync(
            async request =>
            {
                var client = request.Service == ResourceNames.NotificationService ? notifications : api.Http;
                using var message = request.ToHttpRequest();
                using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Interlocked.Increment(ref sent);

                Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {request}: {body}");
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted)
                {
                    Remember(known, request.PathAndQuery, body, response.StatusCode == HttpStatusCode.Accepted);
                }

                var after = await StateAsync(database);
                if ((int)response.StatusCode >= 400)
                {
                    if (response.Headers.ConnectionClose == true && body.Length == 0)
                    {
                        Interlocked.Increment(ref refusedByKestrel);
                    }
                    else
                    {
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    }

                    Assert.True(after == state, $"{(int)response.StatusCode} for {request} changed the data: {state} -> {after}");
                }

                state = after;
            },
            writeLine: line => TestContext.Current.TestOutputHelper?.WriteLine(line),
            iter: Requests,
            threads: 1,
            print: request => request.ToString());

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{sent} generated requests, none answered 5xx; {refusedByKestrel} refused by Kestrel at the protocol level.");
        Assert.True(sent >= Requests);
    }

    /// <summary>What a request created becomes an id later requests may use.</summary>
    private static void Remember(KnownIds known, string path, string createdJson, bool waitlisted)
    {
        using var created = JsonDocument.Parse(createdJson);
        var id = created.RootElement.GetProperty("id").GetGuid();
        known.Add(waitlisted ? "waitlistEntryId"
            : path.StartsWith("/students", StringComparison.Ordinal) ? "studentId"
            : path.StartsWith("/courses", StringComparison.Ordinal) ? "courseId"
            : "enrollmentId", id);
    }

    private static async Task<string> StateAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(StateSql);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
