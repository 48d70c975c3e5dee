using System.Net;
using System.Net.Http.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Identity;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Security;

/// <summary>Students act only for themselves, registrars run the catalogue (docs/identity.md, "Who may do what").</summary>
public sealed class AccessRulesTests(TrainingProgramApp app) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _registrar = EnrollmentApiClient.For(app);
    private EnrollmentDatabase _db = null!;

    public static TheoryData<string, string, string> EveryEndpoint => new()
    {
        { ResourceNames.EnrollmentApi, "POST", "/students" },
        { ResourceNames.EnrollmentApi, "GET", "/students" },
        { ResourceNames.EnrollmentApi, "GET", "/students/me" },
        { ResourceNames.EnrollmentApi, "GET", "/students/{id}" },
        { ResourceNames.EnrollmentApi, "GET", "/students/{id}/enrollments" },
        { ResourceNames.EnrollmentApi, "GET", "/students/{id}/waitlist" },
        { ResourceNames.EnrollmentApi, "POST", "/courses" },
        { ResourceNames.EnrollmentApi, "GET", "/courses" },
        { ResourceNames.EnrollmentApi, "GET", "/courses/{id}" },
        { ResourceNames.EnrollmentApi, "GET", "/courses/{id}/enrollments" },
        { ResourceNames.EnrollmentApi, "PATCH", "/courses/{id}" },
        { ResourceNames.EnrollmentApi, "GET", "/courses/{id}/waitlist" },
        { ResourceNames.EnrollmentApi, "POST", "/enrollments" },
        { ResourceNames.EnrollmentApi, "GET", "/enrollments/{id}" },
        { ResourceNames.EnrollmentApi, "DELETE", "/enrollments/{id}" },
        { ResourceNames.EnrollmentApi, "GET", "/waitlist/{id}" },
        { ResourceNames.EnrollmentApi, "POST", "/waitlist/{id}/accept" },
        { ResourceNames.EnrollmentApi, "DELETE", "/waitlist/{id}" },
        { ResourceNames.NotificationService, "GET", "/notifications?enrollmentId={id}" },
        { ResourceNames.NotificationService, "GET", "/dead-letters" },
        { ResourceNames.NotificationService, "POST", "/dead-letters/replay" },
        { ResourceNames.NotificationService, "POST", "/dead-letters/1/replay" },
        { ResourceNames.NotificationService, "DELETE", "/dead-letters" },
        { ResourceNames.NotificationService, "DELETE", "/dead-letters/1" },
    };

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(app);

    public async ValueTask DisposeAsync()
    {
        _registrar.Dispose();
        await _db.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Without_a_token_every_endpoint_is_401_with_a_bearer_challenge(string service, string method, string path)
    {
        using var http = app.CreateAnonymousClient(service);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
        {
            Content = method is "POST" or "PATCH" ? JsonContent.Create(new { }) : null,
        };

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_and_the_api_document_need_no_token()
    {
        foreach (var (service, path) in new[]
        {
            (ResourceNames.EnrollmentApi, "/health"), (ResourceNames.EnrollmentApi, "/alive"),
            (ResourceNames.EnrollmentApi, "/openapi/v1.json"), (ResourceNames.NotificationService, "/health"),
        })
        {
            using var http = app.CreateAnonymousClient(service);
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_student_reads_the_catalogue_and_their_own_record_and_nobody_elses()
    {
        using var ada = await SignedInStudent.CreateAsync(app, _registrar);
        var other = await _registrar.CreateStudentAsync();
        var course = await _registrar.CreateCourseAsync();

        Assert.Equal(ada.Record, await ada.Api.GetAsync<StudentJson>("/students/me"));
        Assert.Equal(ada.Record, await ada.Api.GetAsync<StudentJson>($"/students/{ada.Record.Id}"));
        Assert.Equal(course, await ada.Api.GetCourseAsync(course.Id));
        Assert.NotNull(await ada.Api.GetAsync<PageJson<CourseJson>>("/courses"));
        Assert.NotNull(await ada.Api.GetAsync<PageJson<EnrollmentJson>>($"/students/{ada.Record.Id}/enrollments"));
        using var otherRecord = await ada.Api.Http.GetAsync($"/students/{other.Id}", TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(otherRecord, HttpStatusCode.NotFound, "student-not-found");
        using var otherEnrollments = await ada.Api.Http.GetAsync($"/students/{other.Id}/enrollments", TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(otherEnrollments, HttpStatusCode.NotFound, "student-not-found");
    }

    [Fact]
    public async Task A_student_may_not_run_the_catalogue_and_changes_nothing_trying()
    {
        using var ada = await SignedInStudent.CreateAsync(app, _registrar);
        var course = await _registrar.CreateCourseAsync();
        var number = UniqueNames.StudentNumber();
        var code = UniqueNames.CourseCode();

        using var student = await ada.Api.PostStudentAsync(new { studentNumber = number, fullName = "Mallory", email = "mallory@example.edu" });
        using var newCourse = await ada.Api.PostCourseAsync(new { code, title = "Free Credits", credits = 5, capacity = 10 });
        using var students = await ada.Api.Http.GetAsync("/students", TestContext.Current.CancellationToken);
        using var roster = await ada.Api.Http.GetAsync($"/courses/{course.Id}/enrollments", TestContext.Current.CancellationToken);

        foreach (var response in new[] { student, newCourse, students, roster })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal((0, 0), (await _db.CountStudentsAsync(number), await _db.CountCoursesAsync(code)));
    }

    [Fact]
    public async Task A_student_enrolls_themselves_gets_the_email_and_is_recorded_as_the_actor()
    {
        using var ada = await SignedInStudent.CreateAsync(app, _registrar);
        var course = await _registrar.CreateCourseAsync();

        var enrollment = await ada.Api.CreateEnrollmentAsync(ada.Record.Id, course.Id);

        var email = Assert.Single(await app.Inbox.WaitForExactlyAsync([ada.Record.Email], 1));
        Assert.Contains(course.Code, email.Subject, StringComparison.Ordinal);
        var subject = Jwt.Parse(ada.AccessToken).Claim("sub");
        Assert.Equal(subject, await _db.EnrollmentCreatedByAsync(enrollment.Id));
        var own = await ada.Notifications.GetFromJsonAsync<NotificationRecord[]>($"/notifications?enrollmentId={enrollment.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(ada.Record.Email, Assert.Single(own!).Recipient);
    }

    /// <summary>An address is unique in neither service: a student's notifications are those for their student record.</summary>
    [Fact]
    public async Task Two_students_who_share_an_address_each_see_only_their_own_notifications()
    {
        var address = $"shared-{Guid.NewGuid():N}@example.edu";
        var (ada, grace) = (await app.CreateStudentAsync(email: address), await app.CreateStudentAsync(email: address));
        var course = await _registrar.CreateCourseAsync();
        var adasEnrollment = await _registrar.CreateEnrollmentAsync(ada.Id, course.Id);
        await app.Notifications.WaitForAsync(adasEnrollment.Id, "EnrollmentCreated", "Sent");
        using var asAda = await app.SignInAsync(ada, ResourceNames.NotificationService);
        using var asGrace = await app.SignInAsync(grace, ResourceNames.NotificationService);

        var seenByAda = await asAda.GetFromJsonAsync<NotificationRecord[]>($"/notifications?enrollmentId={adasEnrollment.Id}", TestContext.Current.CancellationToken);
        var seenByGrace = await asGrace.GetFromJsonAsync<NotificationRecord[]>($"/notifications?enrollmentId={adasEnrollment.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(address, Assert.Single(seenByAda!).Recipient);
        Assert.Empty(seenByGrace!);
    }

    [Fact]
    public async Task A_student_cannot_enroll_cancel_or_read_for_another_student_and_nothing_is_sent()
    {
        using var mallory = await SignedInStudent.CreateAsync(app, _registrar);
        var victim = await _registrar.CreateStudentAsync();
        var course = await _registrar.CreateCourseAsync();
        var victimsEnrollment = await _registrar.CreateEnrollmentAsync(victim.Id, course.Id);
        await app.Notifications.WaitForAsync(victimsEnrollment.Id, "EnrollmentCreated", "Sent");
        var otherCourse = await _registrar.CreateCourseAsync();

        using var enroll = await mallory.Api.EnrollAsync(victim.Id, otherCourse.Id);
        using var cancel = await mallory.Api.CancelAsync(victimsEnrollment.Id);
        using var read = await mallory.Api.Http.GetAsync($"/enrollments/{victimsEnrollment.Id}", TestContext.Current.CancellationToken);
        var notifications = await mallory.Notifications.GetFromJsonAsync<NotificationRecord[]>(
            $"/notifications?enrollmentId={victimsEnrollment.Id}", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(enroll, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.NotFound, "enrollment-not-found");
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound, "enrollment-not-found");
        Assert.Empty(notifications!);
        Assert.Equal(0, await _db.CountEnrollmentsAsync(otherCourse.Id));
        Assert.Equal(1, await _db.CountActiveEnrollmentsAsync(course.Id));
        // The victim got the confirmation only: no cancellation, no second enrollment, once the pipeline is idle.
        var records = await app.Notifications.ForEnrollmentAsync(victimsEnrollment.Id, TestContext.Current.CancellationToken);
        Assert.Equal(["EnrollmentCreated"], records.Select(r => r.Kind));
        Assert.Single(await app.Inbox.WaitForExactlyAsync([victim.Email], 1));
    }

    [Fact]
    public async Task A_student_cancels_their_own_enrollment()
    {
        using var ada = await SignedInStudent.CreateAsync(app, _registrar);
        var course = await _registrar.CreateCourseAsync();
        var enrollment = await ada.Api.CreateEnrollmentAsync(ada.Record.Id, course.Id);

        using var cancel = await ada.Api.CancelAsync(enrollment.Id);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(0, await _db.CountActiveEnrollmentsAsync(course.Id));
        await app.Notifications.WaitForAsync(enrollment.Id, "EnrollmentCancelled", "Sent");
    }
}
