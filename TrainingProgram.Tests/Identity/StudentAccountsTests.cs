using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

public sealed class StudentAccountsTests(TrainingProgramApp topology) : IAsyncLifetime
{
    private const string RfcTypeBase = "https://tools.ietf.org/html/rfc9110#section-15.5.";

    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);
    private IdentityProvider _tokens = null!;

    public async ValueTask InitializeAsync() => _tokens = await IdentityProvider.ForAsync(topology.App);

    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        _tokens.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Without_a_token_creating_an_account_is_401_with_a_bearer_challenge()
    {
        using var response = await _tokens.PostStudentAccountAsync(new { studentId = Guid.NewGuid(), password = UniqueNames.Password() }, bearerToken: null);

        var problem = await ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(RfcTypeBase + "2", problem.GetProperty("type").GetString());
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var token = await _tokens.GetRegistrarTokenAsync();
        var parts = token.Split('.');
        var forged = string.Join('.', parts[0], parts[1], parts[2][..^4] + (parts[2].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));

        using var response = await _tokens.PostStudentAccountAsync(new { studentId = Guid.NewGuid(), password = UniqueNames.Password() }, forged);

        await ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_student_token_is_403_and_makes_no_account()
    {
        var studentToken = await _tokens.GetStudentTokenAsync("S1001");
        var record = await _api.CreateStudentAsync();
        var password = UniqueNames.Password();

        using var response = await _tokens.PostStudentAccountAsync(new { studentId = record.Id, password }, studentToken);

        var problem = await ReadProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(RfcTypeBase + "4", problem.GetProperty("type").GetString());
        var outcome = await _tokens.AuthorizeAsync(record.StudentNumber, password, AuthorizationRequest.Create());
        Assert.Null(outcome.Code);
    }

    [Fact]
    public async Task A_registrar_makes_an_account_for_a_student_record_and_the_student_then_signs_in_as_that_record()
    {
        var student = await _api.CreateStudentAsync(fullName: "Katherine Johnson");
        var password = UniqueNames.Password();

        var account = await _tokens.CreateStudentAccountAsync(student.Id, password);

        Assert.Equal(new StudentAccount(account.Id, student.StudentNumber, "Katherine Johnson", student.Email), account);
        var access = Jwt.Parse(await _tokens.GetStudentTokenAsync(student.StudentNumber, password));
        Assert.Equal(account.Id, access.Claim("sub"));
        Assert.Equal(student.StudentNumber, access.Claim("student_number"));
        Assert.Equal(["student"], access.Claims("role"));
        Assert.Equal("Katherine Johnson", access.Claim("name"));
    }

    [Fact]
    public async Task An_account_for_a_record_the_enrollment_api_does_not_have_is_422_no_student_record()
    {
        using var response = await _tokens.PostStudentAccountAsync(
            new { studentId = Guid.NewGuid(), password = UniqueNames.Password() }, await _tokens.GetRegistrarTokenAsync());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "no-student-record");
    }

    [Fact]
    public async Task A_registrar_token_without_scope_enrollments_cannot_read_the_record_and_makes_no_account()
    {
        var record = await _api.CreateStudentAsync();
        var password = UniqueNames.Password();

        using var response = await _tokens.PostStudentAccountAsync(
            new { studentId = record.Id, password }, await _tokens.GetRegistrarTokenAsync("notifications"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "student-records-refused");
        Assert.Null((await _tokens.AuthorizeAsync(record.StudentNumber, password, AuthorizationRequest.Create())).Code);
    }

    [Fact]
    public async Task A_second_account_for_the_same_record_is_409_duplicate_account()
    {
        var record = await _api.CreateStudentAsync();
        var password = UniqueNames.Password();
        await _tokens.CreateStudentAccountAsync(record.Id, password);

        using var response = await _tokens.PostStudentAccountAsync(
            new { studentId = record.Id, password = "another-password-123" }, await _tokens.GetRegistrarTokenAsync());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "duplicate-account");
        Assert.Contains(record.StudentNumber, problem.Detail, StringComparison.Ordinal);
        await _tokens.SignInAsync(record.StudentNumber, password);
    }

    [Fact]
    public async Task Student_numbers_that_differ_only_in_case_are_two_accounts_and_each_signs_in_only_with_its_own()
    {
        var upper = await _api.CreateStudentAsync();
        var lower = await _api.CreateStudentAsync(studentNumber: upper.StudentNumber.ToLowerInvariant());
        var (upperPassword, lowerPassword) = (UniqueNames.Password(), UniqueNames.Password());

        await _tokens.CreateStudentAccountAsync(upper.Id, upperPassword);
        await _tokens.CreateStudentAccountAsync(lower.Id, lowerPassword);

        Assert.Equal(lower.StudentNumber, Jwt.Parse(await _tokens.GetStudentTokenAsync(lower.StudentNumber, lowerPassword)).Claim("student_number"));
        Assert.Equal(upper.StudentNumber, Jwt.Parse(await _tokens.GetStudentTokenAsync(upper.StudentNumber, upperPassword)).Claim("student_number"));
        Assert.Null((await _tokens.AuthorizeAsync(lower.StudentNumber, upperPassword, AuthorizationRequest.Create())).Code);
    }

    [Fact]
    public async Task Bad_input_is_400_validation_with_an_error_per_field()
    {
        using var response = await _tokens.PostStudentAccountAsync(new { password = (string?)null }, await _tokens.GetRegistrarTokenAsync());

        await ProblemAssert.IsValidationProblemAsync(response, "studentId", "password");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_the_houses_415_problem()
    {
        var record = await _api.CreateStudentAsync();
        using var http = new HttpClient { BaseAddress = topology.App.GetEndpoint(ResourceNames.Identity, "http") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/students")
        {
            Content = new StringContent($"studentId={record.Id}&password=long-enough-password", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await _tokens.GetRegistrarTokenAsync());

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal("/accounts/students", problem.Instance);
    }

    [Fact]
    public async Task A_password_shorter_than_twelve_characters_is_400_validation_on_password_and_makes_no_account()
    {
        var record = await _api.CreateStudentAsync();

        using var response = await _tokens.PostStudentAccountAsync(new { studentId = record.Id, password = "short-pw" }, await _tokens.GetRegistrarTokenAsync());

        await ProblemAssert.IsValidationProblemAsync(response, "password");
        await _tokens.CreateStudentAccountAsync(record.Id, UniqueNames.Password());
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
