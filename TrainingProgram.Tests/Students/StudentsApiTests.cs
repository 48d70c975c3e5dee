using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Students;

public sealed class StudentsApiTests(TrainingProgramApp topology) : IAsyncLifetime
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
    public async Task Registering_a_student_returns_it_with_its_location_and_stores_one_row()
    {
        var number = UniqueNames.StudentNumber();

        using var response = await _api.PostStudentAsync(new { studentNumber = number, fullName = " Ada Lovelace ", email = " ada@example.edu " });

        var student = await _api.ReadCreatedAsync<StudentJson>(response);
        Assert.Equal($"/students/{student.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(new StudentJson(student.Id, number, "Ada Lovelace", "ada@example.edu"), student);
        Assert.Equal(1, await _db.CountStudentsAsync(number));
    }

    [Fact]
    public async Task An_invalid_student_is_400_with_an_error_per_field_and_stores_nothing()
    {
        using var response = await _api.PostStudentAsync(new { studentNumber = "no spaces allowed", fullName = "   ", email = "ada@" });

        await ProblemAssert.IsValidationProblemAsync(response, "studentNumber", "fullName", "email");
        Assert.Equal(0, await _db.CountStudentsAsync("no spaces allowed"));
    }

    [Theory]
    [InlineData("Nul\u0000Byte")]
    [InlineData("Ada\r\nBcc: everyone@example.edu")]
    [InlineData("Ada\u202Ecilbup")]
    [InlineData("Tab\tName")]
    public async Task A_name_with_control_or_text_direction_characters_is_400_validation_and_stores_nothing(string fullName)
    {
        var number = UniqueNames.StudentNumber();

        using var response = await _api.PostStudentAsync(new { studentNumber = number, fullName, email = $"{number.ToLowerInvariant()}@example.edu" });

        await ProblemAssert.IsValidationProblemAsync(response, "fullName");
        Assert.Equal(0, await _db.CountStudentsAsync(number));
    }

    [Fact]
    public async Task A_body_over_32_KiB_is_413_request_too_large_and_stores_nothing()
    {
        var number = UniqueNames.StudentNumber();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/students")
        {
            Content = JsonContent.Create(new { studentNumber = number, fullName = new string('a', 40_000), email = "ada@example.edu" }),
        };
        // As curl does for large bodies: the server can refuse before the body is sent, instead of resetting the upload.
        request.Headers.ExpectContinue = true;

        using var response = await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
        Assert.Equal(0, await _db.CountStudentsAsync(number));
    }

    [Fact]
    public async Task A_missing_body_field_is_400_validation()
    {
        using var response = await _api.PostStudentAsync(new { fullName = "Ada Lovelace", email = "ada@example.edu" });

        await ProblemAssert.IsValidationProblemAsync(response, "studentNumber");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_malformed_request()
    {
        using var content = new StringContent("{\"studentNumber\":", Encoding.UTF8, "application/json");

        using var response = await _api.Http.PostAsync("/students", content, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-request");
    }

    [Fact]
    public async Task A_second_student_with_the_same_number_is_409_and_the_first_stays_alone()
    {
        var first = await _api.CreateStudentAsync();

        using var response = await _api.PostStudentAsync(new { studentNumber = first.StudentNumber, fullName = "Someone Else", email = "else@example.edu" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "duplicate-student-number");
        Assert.Contains(first.StudentNumber, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await _db.CountStudentsAsync(first.StudentNumber));
    }

    [Fact]
    public async Task An_unknown_student_is_404_student_not_found()
    {
        var id = Guid.CreateVersion7();

        using var student = await _api.Http.GetAsync($"/students/{id}", TestContext.Current.CancellationToken);
        using var enrollments = await _api.Http.GetAsync($"/students/{id}/enrollments", TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(student, HttpStatusCode.NotFound, "student-not-found");
        Assert.Equal($"/students/{id}", problem.Instance);
        await ProblemAssert.IsProblemAsync(enrollments, HttpStatusCode.NotFound, "student-not-found");
    }

    [Theory]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=10001&pageSize=1", "page")]
    public async Task Page_and_page_size_out_of_range_are_400(string query, string field)
    {
        using var response = await _api.Http.GetAsync($"/students{query}", TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    /// <summary>
    /// The database reads and skips every item before a page: a page deeper than 10,000 items is refused before the
    /// query runs, on every list, whatever its page size.
    /// </summary>
    [Theory]
    [InlineData("/students?page=501&pageSize=20")]
    [InlineData("/students?page=101&pageSize=100")]
    [InlineData("/students?page=10000")]
    [InlineData("/courses?page=5001&pageSize=2")]
    [InlineData("/students/{student}/enrollments?page=10000&pageSize=2")]
    [InlineData("/students/{student}/waitlist?page=1000&pageSize=11")]
    [InlineData("/courses/{course}/enrollments?page=101&pageSize=100")]
    [InlineData("/courses/{course}/waitlist?page=201&pageSize=50")]
    public async Task A_page_beyond_the_10000th_item_is_a_400_that_names_the_limit(string path)
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        using var response = await _api.Http.GetAsync(
            path.Replace("{student}", student.Id.ToString(), StringComparison.Ordinal).Replace("{course}", course.Id.ToString(), StringComparison.Ordinal),
            TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "page");
        Assert.Contains("page × pageSize is at most 10000", problem.Errors!["page"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/students?page=500&pageSize=20", 500, 20)]
    [InlineData("/students?page=100&pageSize=100", 100, 100)]
    [InlineData("/courses/{course}/enrollments?page=10000&pageSize=1", 10000, 1)]
    public async Task A_page_that_ends_at_the_10000th_item_is_served(string path, int page, int pageSize)
    {
        var course = await _api.CreateCourseAsync();
        var served = (await _api.GetAsync<PageJson<JsonElement>>(path.Replace("{course}", course.Id.ToString(), StringComparison.Ordinal)))!;

        Assert.Equal((page, pageSize), (served.Page, served.PageSize));
    }
}
