using System.Net;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>Where the web client's codes may go: the registered URIs exactly, not any port of a loopback address.</summary>
public sealed class RedirectUriTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    [Fact]
    public async Task A_signed_in_students_code_is_not_sent_to_another_port_of_a_registered_loopback_uri()
    {
        var student = await topology.CreateStudentAsync();
        using var browser = Tokens.CreateBrowser();
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), (student.StudentNumber, student.Password))).Code);

        using var response = await browser.GetAsync(
            WithRedirectUri(AuthorizationRequest.Create(), "http://127.0.0.1:4711/callback"), TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode} to {response.Headers.Location}: {body}");
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_enrollment_apis_scalar_page_on_its_own_port_still_gets_the_code()
    {
        var student = await topology.CreateStudentAsync();
        using var browser = Tokens.CreateBrowser();
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), (student.StudentNumber, student.Password))).Code);
        var scalar = new Uri(topology.App.GetEndpoint(ResourceNames.EnrollmentApi, "http"), "/scalar/").AbsoluteUri;

        using var response = await browser.GetAsync(WithRedirectUri(AuthorizationRequest.Create(), scalar), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith(scalar + "?code=", response.Headers.Location?.AbsoluteUri, StringComparison.Ordinal);
    }

    private Uri WithRedirectUri(AuthorizationRequest request, string redirectUri) =>
        new(request.AuthorizeUrl(Tokens.Authority).AbsoluteUri.Replace(
            "redirect_uri=" + Uri.EscapeDataString(IdentityProvider.RedirectUri.AbsoluteUri),
            "redirect_uri=" + Uri.EscapeDataString(redirectUri),
            StringComparison.Ordinal));
}
