using System.Net;
using System.Net.Http.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Enrollments;

public sealed class IdempotentEnrollmentTests(TrainingProgramApp topology) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);
    private EnrollmentDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(topology);

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _db.DisposeAsync();
    }

    private static string NewKey() => $"test-{Guid.NewGuid()}";

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_original_enrollment_and_creates_nothing()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        var key = NewKey();

        using var original = await _api.EnrollAsync(student.Id, course.Id, key);
        using var retry = await _api.EnrollAsync(student.Id, course.Id, key);

        var first = await _api.ReadCreatedAsync<EnrollmentJson>(original);
        var again = await _api.ReadCreatedAsync<EnrollmentJson>(retry);
        Assert.Equal(first, again);
        Assert.Equal(original.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await _db.CountEnrollmentsAsync(course.Id));
        Assert.Equal(1, await _db.SeatsTakenAsync(course.Id));
        Assert.Equal(1, await _db.CountIdempotencyKeysAsync(key));
    }

    /// <summary>A key is its caller's: another caller cannot take it first (its owner then got 422) nor learn that it is in use.</summary>
    [Fact]
    public async Task The_same_key_from_another_caller_is_another_key()
    {
        var (ada, grace) = (await topology.CreateStudentAsync(), await topology.CreateStudentAsync());
        var (first, second) = (await _api.CreateCourseAsync(), await _api.CreateCourseAsync());
        var key = NewKey();
        using var asAda = new EnrollmentApiClient(await topology.SignInAsync(ada, ResourceNames.EnrollmentApi));
        using var asGrace = new EnrollmentApiClient(await topology.SignInAsync(grace, ResourceNames.EnrollmentApi));

        using var gracesFirst = await asGrace.EnrollAsync(grace.Id, first.Id, key);
        using var adas = await asAda.EnrollAsync(ada.Id, second.Id, key);
        using var registrars = await _api.EnrollAsync(grace.Id, second.Id, key);
        using var gracesRetry = await asGrace.EnrollAsync(grace.Id, first.Id, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created),
            (gracesFirst.StatusCode, adas.StatusCode, registrars.StatusCode, gracesRetry.StatusCode));
        Assert.Equal(gracesFirst.Headers.Location, gracesRetry.Headers.Location);
        Assert.Equal((1, 2), (await _db.SeatsTakenAsync(first.Id), await _db.SeatsTakenAsync(second.Id)));
        Assert.Equal(3, await _db.CountIdempotencyKeysAsync(key));
    }

    [Fact]
    public async Task Concurrent_requests_with_the_same_key_all_return_the_one_enrollment()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _api.EnrollAsync(student.Id, course.Id, key)));

        var bodies = new List<string>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
            bodies.Add(body);
        }

        Assert.Single(bodies.Distinct());
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, await _db.CountEnrollmentsAsync(course.Id));
        Assert.Equal(1, await _db.SeatsTakenAsync(course.Id));
        Assert.Equal(1, await _db.CountIdempotencyKeysAsync(key));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_creates_nothing()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        var otherCourse = await _api.CreateCourseAsync();
        var key = NewKey();
        await _api.ReadCreatedAsync<EnrollmentJson>(await _api.EnrollAsync(student.Id, course.Id, key));

        using var response = await _api.EnrollAsync(student.Id, otherCourse.Id, key);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(0, await _db.CountEnrollmentsAsync(otherCourse.Id));
        Assert.Equal(0, await _db.SeatsTakenAsync(otherCourse.Id));
    }

    [Fact]
    public async Task A_failed_request_records_no_key_so_its_retry_is_judged_afresh()
    {
        var course = await _api.CreateCourseAsync(capacity: 1);
        var holder = await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        var student = await _api.CreateStudentAsync();
        var key = NewKey();

        using var whileFull = await _api.EnrollAsync(student.Id, course.Id, key);
        await ProblemAssert.IsProblemAsync(whileFull, HttpStatusCode.Conflict, "course-full");
        Assert.Equal(0, await _db.CountIdempotencyKeysAsync(key));
        Assert.Equal(0, await _db.CountEnrollmentsOfStudentAsync(student.Id));

        (await _api.CancelAsync(holder.Id)).Dispose();
        using var retry = await _api.EnrollAsync(student.Id, course.Id, key);

        var enrollment = await _api.ReadCreatedAsync<EnrollmentJson>(retry);
        Assert.Equal(student.Id, enrollment.StudentId);
        Assert.Equal(1, await _db.CountIdempotencyKeysAsync(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    public async Task An_invalid_key_is_400_on_the_header(string key)
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();

        using var response = await _api.EnrollAsync(student.Id, course.Id, key);

        await ProblemAssert.IsValidationProblemAsync(response, "Idempotency-Key");
        Assert.Equal(0, await _db.CountEnrollmentsAsync(course.Id));
    }

    /// <summary>Two header lines reach the API joined by a comma: which key was meant cannot be told, so neither is taken.</summary>
    [Fact]
    public async Task Two_keys_in_one_request_are_400_and_enroll_nobody()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/enrollments") { Content = JsonContent.Create(new { studentId = student.Id, courseId = course.Id }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["first-key", "second-key"]);

        using var response = await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "Idempotency-Key");
        Assert.Contains("one key", problem.Errors!["Idempotency-Key"].Single(), StringComparison.Ordinal);
        Assert.Equal(0, await _db.CountEnrollmentsAsync(course.Id));
    }

    [Fact]
    public async Task A_key_longer_than_200_characters_is_400()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();

        using var response = await _api.EnrollAsync(student.Id, course.Id, new string('k', 201));

        await ProblemAssert.IsValidationProblemAsync(response, "Idempotency-Key");
        Assert.Equal(0, await _db.CountEnrollmentsAsync(course.Id));
    }

    [Fact]
    public async Task A_key_of_200_characters_is_accepted()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();

        using var response = await _api.EnrollAsync(student.Id, course.Id, new string('k', 168) + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Active", (await response.Content.ReadFromJsonAsync<EnrollmentJson>(TestContext.Current.CancellationToken))?.Status);
    }
}
