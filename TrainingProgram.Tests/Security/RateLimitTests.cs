using System.Globalization;
using System.Net;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Security;

/// <summary>Abuse limits of the Enrollment API (docs/enrollment-api.md, "Rate limits").</summary>
[Collection(IsolatedTopology.Name)]
public sealed class RateLimitTests(IsolatedApp app) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _registrar = EnrollmentApiClient.For(app);
    private EnrollmentDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(app);

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_student_over_the_email_budget_gets_429_with_retry_after_changes_nothing_and_enrolls_once_the_wait_is_over()
    {
        using var student = await SignedInStudent.CreateAsync(app, _registrar);
        var courses = await Task.WhenAll(Enumerable.Range(0, IsolatedApp.EmailsPerWindow + 1).Select(_ => _registrar.CreateCourseAsync()));

        // One burst, one more than the budget: the budget's worth is accepted, the last one to arrive is refused.
        var responses = await Task.WhenAll(courses.Select(course => student.Api.EnrollAsync(student.Record.Id, course.Id)));
        var outcomes = courses.Zip(responses).ToList();

        Assert.Equal(IsolatedApp.EmailsPerWindow, outcomes.Count(o => o.Second.StatusCode == HttpStatusCode.Created));
        var (refusedCourse, refused) = Assert.Single(outcomes, o => o.Second.StatusCode != HttpStatusCode.Created);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal("/enrollments", problem.Instance);
        Assert.Contains($"at most {IsolatedApp.EmailsPerWindow} enrollments, cancellations and waitlist changes", problem.Detail, StringComparison.Ordinal);
        var retryAfter = Assert.IsType<TimeSpan>(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), IsolatedApp.RateLimitWindow);
        Assert.Equal(
            ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            Assert.Single(refused.Headers.GetValues("Retry-After")));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        // The refused request changed nothing and sent nothing.
        Assert.Equal(0, await _db.CountEnrollmentsAsync(refusedCourse.Id));
        Assert.Equal(IsolatedApp.EmailsPerWindow, await _db.CountEnrollmentsOfStudentAsync(student.Record.Id));
        var emails = await app.Inbox.WaitForExactlyAsync([student.Record.Email], IsolatedApp.EmailsPerWindow);
        Assert.DoesNotContain(emails, email => email.Subject.Contains(refusedCourse.Code, StringComparison.Ordinal));

        // The same request once a permit is back: accepted (not already-enrolled, so the refused one made nothing).
        var retried = await Eventually.Until(
            async _ =>
            {
                using var response = await student.Api.EnrollAsync(student.Record.Id, refusedCourse.Id);
                return response.StatusCode;
            },
            status => status != HttpStatusCode.TooManyRequests,
            "the email budget to give the student a permit back",
            timeout: IsolatedApp.RateLimitWindow * 3);
        Assert.Equal(HttpStatusCode.Created, retried);

        // One enrollment and one email per course, once the pipeline has sent them all.
        var enrollments = (await student.Api.GetAsync<PageJson<EnrollmentJson>>($"/students/{student.Record.Id}/enrollments"))!.Items;
        Assert.Equal(courses.Select(c => c.Id).Order(), enrollments.Select(e => e.CourseId).Order());
        foreach (var enrollment in enrollments)
        {
            await app.Notifications.WaitForAsync(enrollment.Id, "EnrollmentCreated", "Sent");
        }

        var all = await app.Inbox.WaitForExactlyAsync([student.Record.Email], courses.Length);
        Assert.Equal(courses.Length, all.Count);
        Assert.All(courses, course => Assert.Single(all, email => email.Subject.Contains(course.Code, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Reads are budgeted too, generously (600 a minute by default; here 40 per 8 s), on both services: a script on
    /// a student's token cannot keep a service's database connections busy, and the student's reads come back as
    /// permits do.
    /// </summary>
    [Fact]
    public async Task A_student_over_the_read_budget_of_the_api_gets_429_with_retry_after_while_a_registrar_reads_on()
    {
        using var student = await SignedInStudent.CreateAsync(app, _registrar);
        await AssertReadBudgetAsync(student.Api.Http, _registrar.Http, $"/students/{student.Record.Id}/enrollments");
    }

    [Fact]
    public async Task A_student_over_the_read_budget_of_the_notification_service_gets_429_with_retry_after_while_a_registrar_reads_on()
    {
        using var student = await SignedInStudent.CreateAsync(app, _registrar);
        var enrollment = await _registrar.CreateEnrollmentAsync(student.Record.Id, (await _registrar.CreateCourseAsync()).Id);
        using var registrar = app.CreateRegistrarClient(ResourceNames.NotificationService);
        await AssertReadBudgetAsync(student.Notifications, registrar, $"/notifications?enrollmentId={enrollment.Id}");
    }

    private static async Task AssertReadBudgetAsync(HttpClient student, HttpClient registrar, string path)
    {
        var served = 0;
        HttpResponseMessage? refused = null;
        while (refused is null && served < IsolatedApp.ReadsPerWindow * 2)
        {
            var response = await student.GetAsync(path, TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                served++;
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        using (refused)
        {
            Assert.NotNull(refused);
            Assert.InRange(served, IsolatedApp.ReadsPerWindow, IsolatedApp.ReadsPerWindow + 5); // a permit comes back every 0.2 s
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
            Assert.Contains($"at most {IsolatedApp.ReadsPerWindow} reads (GET requests)", problem.Detail, StringComparison.Ordinal);
            Assert.InRange(Assert.IsType<TimeSpan>(refused.Headers.RetryAfter?.Delta), TimeSpan.FromSeconds(1), IsolatedApp.RateLimitWindow);
        }

        using (var registrarRead = await registrar.GetAsync(path, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, registrarRead.StatusCode);
        }

        await Eventually.Until(
            async _ =>
            {
                using var response = await student.GetAsync(path, TestContext.Current.CancellationToken);
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK, "the read budget to give the student a permit back", timeout: IsolatedApp.RateLimitWindow);
    }

    [Fact]
    public async Task A_registrar_is_not_held_to_a_students_budget()
    {
        const int enrollments = 50;
        var course = await _registrar.CreateCourseAsync(capacity: enrollments);
        var students = await Task.WhenAll(Enumerable.Range(0, enrollments).Select(_ => _registrar.CreateStudentAsync()));

        var responses = await Task.WhenAll(students.Select(student => _registrar.EnrollAsync(student.Id, course.Id)));

        // 101 writes, 50 of them email-sending, in a few seconds: far over a student's 20 and 2 per window.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, enrollments), responses.Select(r => r.StatusCode));
        Assert.Equal(enrollments, await _db.CountActiveEnrollmentsAsync(course.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
