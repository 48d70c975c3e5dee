using System.Net;
using System.Net.Http.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Enrollments;

public sealed class EnrollmentsApiTests(TrainingProgramApp topology) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);
    private EnrollmentDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(topology);

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _db.DisposeAsync();
    }

    /// <summary>A body that is not JSON gets the house's 415 problem, as a JSON body in another charset does.</summary>
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415_problem_and_enrolls_nobody(string contentType)
    {
        var course = await _api.CreateCourseAsync();
        using var content = new StringContent($"{{\"studentId\":\"{Guid.NewGuid()}\",\"courseId\":\"{course.Id}\"}}", System.Text.Encoding.UTF8, contentType);

        using var response = await _api.Http.PostAsync("/enrollments", content, TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal("/enrollments", problem.Instance);
        Assert.Contains("application/json", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolling_returns_201_with_location_and_takes_a_seat()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync(capacity: 2);

        using var response = await _api.EnrollAsync(student.Id, course.Id);

        var enrollment = await _api.ReadCreatedAsync<EnrollmentJson>(response);
        Assert.Equal($"/enrollments/{enrollment.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((student.Id, course.Id, "Active", (DateTimeOffset?)null), (enrollment.StudentId, enrollment.CourseId, enrollment.Status, enrollment.CancelledAt));
        Assert.Equal((1, 1), ((await _api.GetCourseAsync(course.Id))?.SeatsTaken, (await _api.GetCourseAsync(course.Id))?.SeatsLeft));
        Assert.Equal(1, await _db.CountActiveEnrollmentsAsync(course.Id));
        Assert.Equal(1, await _db.SeatsTakenAsync(course.Id));
        var mine = await _api.GetAsync<PageJson<EnrollmentJson>>($"/students/{student.Id}/enrollments");
        Assert.Equal([enrollment], mine?.Items);
    }

    [Fact]
    public async Task A_second_active_enrollment_in_the_same_course_is_409_already_enrolled_and_stores_nothing()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync(capacity: 5);
        await _api.CreateEnrollmentAsync(student.Id, course.Id);

        using var response = await _api.EnrollAsync(student.Id, course.Id);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "already-enrolled");
        Assert.Equal(1, await _db.CountEnrollmentsAsync(course.Id));
        Assert.Equal(1, await _db.SeatsTakenAsync(course.Id));
    }

    [Fact]
    public async Task Enrolling_in_a_full_course_is_409_course_full_and_stores_nothing()
    {
        var course = await _api.CreateCourseAsync(capacity: 1);
        await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        var late = await _api.CreateStudentAsync();

        using var response = await _api.EnrollAsync(late.Id, course.Id);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "course-full");
        Assert.Equal(0, await _db.CountEnrollmentsOfStudentAsync(late.Id));
        Assert.Equal(1, await _db.SeatsTakenAsync(course.Id));
    }

    [Fact]
    public async Task Enrolling_before_the_window_opens_or_after_it_closes_is_409_and_stores_nothing()
    {
        var student = await _api.CreateStudentAsync();
        var notYetOpen = await _api.CreateCourseAsync(opensAt: DateTimeOffset.UtcNow.AddDays(1));
        var closed = await _api.CreateCourseAsync(opensAt: DateTimeOffset.UtcNow.AddDays(-10), closesAt: DateTimeOffset.UtcNow.AddDays(-1));

        using var early = await _api.EnrollAsync(student.Id, notYetOpen.Id);
        using var late = await _api.EnrollAsync(student.Id, closed.Id);

        Assert.Contains("opens", (await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict, "enrollment-window-closed")).Detail, StringComparison.Ordinal);
        Assert.Contains("closed", (await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "enrollment-window-closed")).Detail, StringComparison.Ordinal);
        Assert.Equal(0, await _db.CountEnrollmentsOfStudentAsync(student.Id));
    }

    [Fact]
    public async Task Enrolling_an_unknown_student_or_in_an_unknown_course_is_404_and_stores_nothing()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();

        using var unknownStudent = await _api.EnrollAsync(Guid.CreateVersion7(), course.Id);
        using var unknownCourse = await _api.EnrollAsync(student.Id, Guid.CreateVersion7());

        await ProblemAssert.IsProblemAsync(unknownStudent, HttpStatusCode.NotFound, "student-not-found");
        await ProblemAssert.IsProblemAsync(unknownCourse, HttpStatusCode.NotFound, "course-not-found");
        Assert.Equal(0, await _db.CountEnrollmentsAsync(course.Id));
        Assert.Equal(0, await _db.CountEnrollmentsOfStudentAsync(student.Id));
        Assert.Equal(0, await _db.SeatsTakenAsync(course.Id));
    }

    [Fact]
    public async Task An_enrollment_without_ids_is_400_validation_and_stores_nothing()
    {
        var course = await _api.CreateCourseAsync();

        using var missingStudent = await _api.EnrollAsync(new { courseId = course.Id });
        using var emptyIds = await _api.EnrollAsync(new { studentId = Guid.Empty, courseId = Guid.Empty });

        await ProblemAssert.IsValidationProblemAsync(missingStudent, "studentId");
        await ProblemAssert.IsValidationProblemAsync(emptyIds, "studentId", "courseId");
        Assert.Equal(0, await _db.CountEnrollmentsAsync(course.Id));
    }

    [Fact]
    public async Task Cancelling_frees_the_seat_and_cancelling_again_changes_nothing()
    {
        var course = await _api.CreateCourseAsync(capacity: 1);
        var student = await _api.CreateStudentAsync();
        var enrollment = await _api.CreateEnrollmentAsync(student.Id, course.Id);

        using var first = await _api.CancelAsync(enrollment.Id);
        var cancelled = await first.Content.ReadFromJsonAsync<EnrollmentJson>(TestContext.Current.CancellationToken);
        using var second = await _api.CancelAsync(enrollment.Id);
        var again = await second.Content.ReadFromJsonAsync<EnrollmentJson>(TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.NotNull(cancelled);
        Assert.Equal("Cancelled", cancelled.Status);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.Equal(cancelled, again);
        Assert.Equal(cancelled, await _api.GetAsync<EnrollmentJson>($"/enrollments/{enrollment.Id}"));
        Assert.Equal(0, await _db.SeatsTakenAsync(course.Id));
        Assert.Equal(0, await _db.CountActiveEnrollmentsAsync(course.Id));

        // The freed seat can be taken again, by anyone, including the same student.
        var other = await _api.CreateStudentAsync();
        await _api.CreateEnrollmentAsync(student.Id, course.Id);
        using var full = await _api.EnrollAsync(other.Id, course.Id);
        await ProblemAssert.IsProblemAsync(full, HttpStatusCode.Conflict, "course-full");
        Assert.Equal((2, 1, 1), (await _db.CountEnrollmentsAsync(course.Id), await _db.CountActiveEnrollmentsAsync(course.Id), await _db.SeatsTakenAsync(course.Id)));
    }

    [Fact]
    public async Task Concurrent_cancels_of_one_enrollment_free_its_seat_once()
    {
        var course = await _api.CreateCourseAsync(capacity: 3);
        var enrollment = await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _api.CancelAsync(enrollment.Id)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, await _db.SeatsTakenAsync(course.Id));
        Assert.Equal(1, await _db.CountActiveEnrollmentsAsync(course.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_unknown_enrollment_is_404_to_get_and_to_cancel()
    {
        var id = Guid.CreateVersion7();

        using var get = await _api.Http.GetAsync($"/enrollments/{id}", TestContext.Current.CancellationToken);
        using var cancel = await _api.CancelAsync(id);

        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, "enrollment-not-found");
        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.NotFound, "enrollment-not-found");
    }

    [Fact]
    public async Task Fifty_students_racing_for_ten_seats_get_exactly_ten()
    {
        var course = await _api.CreateCourseAsync(capacity: 10);
        var students = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _api.CreateStudentAsync()));

        var responses = await Task.WhenAll(students.Select(student => _api.EnrollAsync(student.Id, course.Id)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(10, created.Count);
        Assert.Equal(40, refused.Count);
        foreach (var response in refused)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "course-full");
        }

        Assert.Equal(10, await _db.CountActiveEnrollmentsAsync(course.Id));
        Assert.Equal(10, await _db.CountEnrollmentsAsync(course.Id));
        Assert.Equal(10, await _db.SeatsTakenAsync(course.Id));
        Assert.Equal((10, 0), ((await _api.GetCourseAsync(course.Id))?.SeatsTaken, (await _api.GetCourseAsync(course.Id))?.SeatsLeft));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Twenty_identical_concurrent_enrollments_create_exactly_one()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync(capacity: 30);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.EnrollAsync(student.Id, course.Id)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "already-enrolled");
        }

        Assert.Equal(1, await _db.CountEnrollmentsAsync(course.Id));
        Assert.Equal(1, await _db.SeatsTakenAsync(course.Id));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
