using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Pipeline;

/// <summary>From committed enrollment to delivered email, in normal operation.</summary>
public sealed class PipelineTests(TrainingProgramApp app) : IDisposable
{
    private readonly EnrollmentApiClient _api = new(app.CreateRegistrarClient(ResourceNames.EnrollmentApi));
    private readonly DevInbox _inbox = app.Inbox;

    [Fact]
    public async Task An_enrollment_sends_one_confirmation_email_to_the_student_in_the_trace_of_the_request()
    {
        var student = await _api.CreateStudentAsync(fullName: "Ada Lovelace");
        var course = await _api.CreateCourseAsync();
        var traceId = ActivityTraceId.CreateRandom();

        var enrollmentId = (await _api.CreateEnrollmentAsync(student.Id, course.Id, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01")).Id;

        var notification = await app.Notifications.WaitForAsync(enrollmentId, "EnrollmentCreated", "Sent");
        var email = Assert.Single(await _inbox.WaitForExactlyAsync([student.Email], 1));
        Assert.Contains(course.Code, email.Subject, StringComparison.Ordinal);
        Assert.Contains(course.Title, email.Subject, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", (await _inbox.LoadAsync(email.Id, TestContext.Current.CancellationToken)).TextBody, StringComparison.Ordinal);
        Assert.Equal(student.Email, notification.Recipient);
        Assert.Equal(traceId.ToString(), notification.TraceId);
    }

    [Fact]
    public async Task A_tracestate_longer_than_the_outbox_keeps_neither_the_enrollment_nor_its_trace_from_working()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/enrollments")
        {
            Content = JsonContent.Create(new { studentId = student.Id, courseId = course.Id }),
        };
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        request.Headers.TryAddWithoutValidation("tracestate", string.Join(',', Enumerable.Range(0, 4).Select(i => $"vendor{i}={new string('v', 193)}")));

        using var response = await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var enrollment = await _api.ReadCreatedAsync<EnrollmentJson>(response);
        var notification = await app.Notifications.WaitForAsync(enrollment.Id, "EnrollmentCreated", "Sent");
        Assert.Equal(traceId.ToString(), notification.TraceId);
    }

    [Fact]
    public async Task Cancelling_an_enrollment_sends_a_cancellation_email()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        var enrollmentId = (await _api.CreateEnrollmentAsync(student.Id, course.Id)).Id;
        // A cancellation that overtakes its confirmation supersedes it (docs/notification-service.md): here it comes after.
        await app.Notifications.WaitForAsync(enrollmentId, "EnrollmentCreated", "Sent");

        using var cancelled = await _api.CancelAsync(enrollmentId);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        await app.Notifications.WaitForAsync(enrollmentId, "EnrollmentCancelled", "Sent");
        var emails = await _inbox.WaitForExactlyAsync([student.Email], 2);
        Assert.Equal(2, emails.Count);
        Assert.Single(emails, e => e.Subject.StartsWith("Enrollment cancelled", StringComparison.Ordinal) && e.Subject.Contains(course.Code, StringComparison.Ordinal));
        Assert.Single(emails, e => e.Subject.StartsWith("Enrollment confirmed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejected_enrollment_publishes_nothing()
    {
        var course = await _api.CreateCourseAsync(capacity: 1);
        var enrolled = await _api.CreateStudentAsync();
        var turnedAway = await _api.CreateStudentAsync();
        await _api.CreateEnrollmentAsync(enrolled.Id, course.Id);

        using var full = await _api.EnrollAsync(turnedAway.Id, course.Id);
        using var duplicate = await _api.EnrollAsync(enrolled.Id, course.Id);
        using var invalid = await _api.EnrollAsync(Guid.Empty, course.Id);
        using var unknownStudent = await _api.EnrollAsync(Guid.NewGuid(), course.Id);

        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStudent.StatusCode);
        Assert.Equal(1, await OutboxEventsForCourseAsync(course.Id));
        await _inbox.WaitForExactlyAsync([enrolled.Email], 1);
        Assert.Empty(await _inbox.ToAsync([turnedAway.Email], TestContext.Current.CancellationToken));
    }

    private async Task<long> OutboxEventsForCourseAsync(Guid courseId)
    {
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync(ResourceNames.EnrollmentDb));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE payload->>'courseId' = $1", connection)
        {
            Parameters = { new() { Value = courseId.ToString() } },
        };
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public void Dispose() => _api.Dispose();
}
