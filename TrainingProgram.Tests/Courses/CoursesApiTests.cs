using System.Net;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Courses;

public sealed class CoursesApiTests(TrainingProgramApp topology) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);
    private EnrollmentDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(topology);

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Creating_a_course_returns_its_seats_and_window_and_upper_cases_its_code()
    {
        var code = UniqueNames.CourseCode();
        var opens = new DateTimeOffset(2020, 1, 1, 9, 0, 0, TimeSpan.FromHours(2));
        var closes = new DateTimeOffset(2099, 1, 1, 9, 0, 0, TimeSpan.Zero);

        using var response = await _api.PostCourseAsync(new
        {
            code = code.ToLowerInvariant(), title = "Compilers", credits = 6, capacity = 3,
            enrollmentOpensAt = opens, enrollmentClosesAt = closes,
        });

        var course = await _api.ReadCreatedAsync<CourseJson>(response);
        Assert.Equal(new CourseJson(course.Id, code, "Compilers", 6, 3, 0, 3, opens, closes, 0, 0, 0, "Offer"), course);
        Assert.Equal(TimeSpan.Zero, course.EnrollmentOpensAt?.Offset);
        Assert.Equal(1, await _db.CountCoursesAsync(code));
    }

    [Fact]
    public async Task An_invalid_course_is_400_with_an_error_per_rule_and_stores_nothing()
    {
        var code = UniqueNames.CourseCode();

        using var response = await _api.PostCourseAsync(new
        {
            code, title = "", credits = 0, capacity = 0,
            enrollmentOpensAt = DateTimeOffset.UtcNow, enrollmentClosesAt = DateTimeOffset.UtcNow.AddDays(-1),
        });

        await ProblemAssert.IsValidationProblemAsync(response, "title", "credits", "capacity");
        Assert.Equal(0, await _db.CountCoursesAsync(code));
    }

    [Fact]
    public async Task A_window_that_closes_before_it_opens_is_400()
    {
        var code = UniqueNames.CourseCode();

        using var response = await _api.PostCourseAsync(new
        {
            code, title = "Backwards", credits = 3, capacity = 5,
            enrollmentOpensAt = DateTimeOffset.UtcNow, enrollmentClosesAt = DateTimeOffset.UtcNow.AddDays(-1),
        });

        await ProblemAssert.IsValidationProblemAsync(response, "enrollmentClosesAt");
        Assert.Equal(0, await _db.CountCoursesAsync(code));
    }

    [Fact]
    public async Task A_second_course_with_the_same_code_in_any_case_is_409()
    {
        var first = await _api.CreateCourseAsync();

        using var response = await _api.PostCourseAsync(new { code = first.Code.ToLowerInvariant(), title = "Again", credits = 3, capacity = 5 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "duplicate-course-code");
        Assert.Equal(1, await _db.CountCoursesAsync(first.Code));
    }

    [Fact]
    public async Task An_unknown_course_is_404_course_not_found()
    {
        var id = Guid.CreateVersion7();

        using var course = await _api.Http.GetAsync($"/courses/{id}", TestContext.Current.CancellationToken);
        using var enrollments = await _api.Http.GetAsync($"/courses/{id}/enrollments", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(course, HttpStatusCode.NotFound, "course-not-found");
        await ProblemAssert.IsProblemAsync(enrollments, HttpStatusCode.NotFound, "course-not-found");
    }

    [Fact]
    public async Task A_course_shows_seats_taken_and_left_and_lists_its_enrollments_by_page()
    {
        var course = await _api.CreateCourseAsync(capacity: 5);
        var enrollments = new List<EnrollmentJson>();
        for (var i = 0; i < 3; i++)
        {
            var student = await _api.CreateStudentAsync();
            enrollments.Add(await _api.CreateEnrollmentAsync(student.Id, course.Id));
        }

        var seats = await _api.GetCourseAsync(course.Id);
        var first = await _api.GetAsync<PageJson<EnrollmentJson>>($"/courses/{course.Id}/enrollments?pageSize=2");
        var second = await _api.GetAsync<PageJson<EnrollmentJson>>($"/courses/{course.Id}/enrollments?page=2&pageSize=2");

        Assert.Equal((3, 2), (seats?.SeatsTaken, seats?.SeatsLeft));
        Assert.Equal(3, await _db.SeatsTakenAsync(course.Id));
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal((1, 2, 3), (first.Page, first.PageSize, first.TotalCount));
        Assert.Equal((2, 2, 3), (second.Page, second.PageSize, second.TotalCount));
        Assert.Equal(enrollments, [.. first.Items, .. second.Items]);
    }

    [Fact]
    public async Task The_course_list_is_paged_and_counts_every_course()
    {
        await _api.CreateCourseAsync();

        var page = await _api.GetAsync<PageJson<CourseJson>>("/courses?pageSize=1");

        Assert.NotNull(page);
        Assert.Single(page.Items);
        Assert.True(page.TotalCount >= 2, $"seeded courses plus ours, got {page.TotalCount}");
    }
}
