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
        using var response = await _tokens.PostStudentAccountAsync(NewAccount(), bearerToken: null);

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

        using var response = await _tokens.PostStudentAccountAsync(NewAccount(), forged);

        await ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_student_token_is_403_and_makes_no_account()
    {
        var studentToken = await _tokens.GetStudentTokenAsync("S1001");
        var account = NewAccount();

        using var response = await _tokens.PostStudentAccountAsync(account, studentToken);

        var problem = await ReadProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(RfcTypeBase + "4", problem.GetProperty("type").GetString());
        var outcome = await _tokens.AuthorizeAsync(account.StudentNumber, account.Password, AuthorizationRequest.Create());
        Assert.Null(outcome.Code);
    }

    [Fact]
    public async Task A_registrar_makes_an_account_for_a_new_student_who_then_signs_in_as_that_student()
    {
        var student = await _api.CreateStudentAsync(fullName: "Katherine Johnson");
        var password = UniqueNames.StudentNumber() + "-pass";

        var account = await _tokens.CreateStudentAccountAsync(student.StudentNumber, password, student.FullName, student.Email);

        Assert.Equal(new StudentAccount(account.Id, student.StudentNumber, "Katherine Johnson", student.Email), account);
        var access = Jwt.Parse(await _tokens.GetStudentTokenAsync(student.StudentNumber, password));
        Assert.Equal(account.Id, access.Claim("sub"));
        Assert.Equal(student.StudentNumber, access.Claim("student_number"));
        Assert.Equal(["student"], access.Claims("role"));
        Assert.Equal("Katherine Johnson", access.Claim("name"));
    }

    [Fact]
    public async Task A_second_account_for_the_same_student_number_is_409_duplicate_account()
    {
        var account = NewAccount();
        await _tokens.CreateStudentAccountAsync(account.StudentNumber, account.Password, account.Name, account.Email);

        using var response = await _tokens.PostStudentAccountAsync(account with { Password = "another-password-123" }, await _tokens.GetRegistrarTokenAsync());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "duplicate-account");
        Assert.Contains(account.StudentNumber, problem.Detail, StringComparison.Ordinal);
        await _tokens.SignInAsync(account.StudentNumber, account.Password);
    }

    [Fact]
    public async Task Bad_input_is_400_validation_with_an_error_per_field()
    {
        using var response = await _tokens.PostStudentAccountAsync(
            new { studentNumber = "no spaces", password = "", name = " ", email = "ada@" }, await _tokens.GetRegistrarTokenAsync());

        await ProblemAssert.IsValidationProblemAsync(response, "studentNumber", "password", "name", "email");
    }

    [Fact]
    public async Task A_password_shorter_than_twelve_characters_is_400_validation_on_password()
    {
        using var response = await _tokens.PostStudentAccountAsync(NewAccount() with { Password = "short-pw" }, await _tokens.GetRegistrarTokenAsync());

        await ProblemAssert.IsValidationProblemAsync(response, "password");
    }

    private static NewAccountBody NewAccount()
    {
        var number = UniqueNames.StudentNumber();
        return new NewAccountBody(number, number + "-password", "Test Student", $"{number.ToLowerInvariant()}@example.edu");
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

    /// <summary>Sent as JSON with camelCase names, like every body in this suite.</summary>
    private sealed record NewAccountBody(string StudentNumber, string Password, string Name, string Email);
}
