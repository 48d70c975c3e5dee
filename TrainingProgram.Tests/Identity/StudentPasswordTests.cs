using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>A student changes their password; a registrar resets one. Either way the sessions signed in before end.</summary>
public sealed class StudentPasswordTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    [Fact]
    public async Task After_a_registrar_resets_the_password_the_old_refresh_token_is_refused_and_only_the_new_password_signs_in()
    {
        var student = await topology.CreateStudentAsync();
        var before = await Tokens.SignInAsync(student.StudentNumber, student.Password);
        var newPassword = UniqueNames.Password();

        using var reset = await SendAsync(HttpMethod.Put, $"/accounts/students/{student.StudentNumber}/password", new { password = newPassword }, await Tokens.GetRegistrarTokenAsync());

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await AssertRefreshRefusedAsync(before.RefreshToken!);
        Assert.Null((await Tokens.AuthorizeAsync(student.StudentNumber, student.Password, AuthorizationRequest.Create())).Code);
        await Tokens.SignInAsync(student.StudentNumber, newPassword);
    }

    [Fact]
    public async Task A_student_changes_their_own_password_and_the_sessions_signed_in_before_end()
    {
        var student = await topology.CreateStudentAsync();
        var before = await Tokens.SignInAsync(student.StudentNumber, student.Password);
        var newPassword = UniqueNames.Password();

        using var change = await SendAsync(HttpMethod.Put, "/accounts/me/password",
            new { currentPassword = student.Password, newPassword }, before.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        await AssertRefreshRefusedAsync(before.RefreshToken!);
        Assert.Null((await Tokens.AuthorizeAsync(student.StudentNumber, student.Password, AuthorizationRequest.Create())).Code);
        await Tokens.SignInAsync(student.StudentNumber, newPassword);
    }

    [Fact]
    public async Task A_change_with_the_wrong_current_password_is_400_on_current_password_and_changes_nothing()
    {
        var student = await topology.CreateStudentAsync();
        var before = await Tokens.SignInAsync(student.StudentNumber, student.Password);

        using var change = await SendAsync(HttpMethod.Put, "/accounts/me/password",
            new { currentPassword = student.Password + "-wrong", newPassword = UniqueNames.Password() }, before.AccessToken);

        await ProblemAssert.IsValidationProblemAsync(change, "currentPassword");
        await Tokens.RefreshAsync(before.RefreshToken!);
        await Tokens.SignInAsync(student.StudentNumber, student.Password);
    }

    [Fact]
    public async Task Resetting_the_password_of_a_student_without_an_account_is_404_no_account()
    {
        using var reset = await SendAsync(HttpMethod.Put, $"/accounts/students/{UniqueNames.StudentNumber()}/password",
            new { password = UniqueNames.Password() }, await Tokens.GetRegistrarTokenAsync());

        await ProblemAssert.IsProblemAsync(reset, HttpStatusCode.NotFound, "no-account");
    }

    [Fact]
    public async Task A_student_may_not_reset_another_students_password()
    {
        var (student, other) = (await topology.CreateStudentAsync(), await topology.CreateStudentAsync());
        var token = await Tokens.GetStudentTokenAsync(student.StudentNumber, student.Password);

        using var reset = await SendAsync(HttpMethod.Put, $"/accounts/students/{other.StudentNumber}/password", new { password = UniqueNames.Password() }, token);

        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        await Tokens.SignInAsync(other.StudentNumber, other.Password);
    }

    private async Task AssertRefreshRefusedAsync(string refreshToken)
    {
        using var refresh = await Tokens.PostTokenRequestAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = IdentityProvider.WebClientId,
            ["refresh_token"] = refreshToken,
        });
        var body = await refresh.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(refresh.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)refresh.StatusCode}: {body}");
        Assert.Contains("invalid_grant", body, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string bearerToken)
    {
        using var http = new HttpClient { BaseAddress = Tokens.Authority, Timeout = TestTimeouts.Outcome };
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
