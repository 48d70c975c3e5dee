using System.Net;
using System.Text.RegularExpressions;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// Ending a sign-in session takes the client's identity token as id_token_hint, or the person's own confirmation on
/// the provider's page: a link on another site must not sign anyone out.
/// </summary>
public sealed partial class EndSessionTests(TrainingProgramApp topology)
{
    /// <summary>The kit's client of the topology's identity provider.</summary>
    private IdentityProvider Tokens => topology.Identity;

    private static string EndSessionUrl(string? idTokenHint = null) =>
        $"/connect/endsession?client_id={IdentityProvider.WebClientId}&post_logout_redirect_uri={Uri.EscapeDataString(IdentityProvider.RedirectUri.AbsoluteUri)}&state=bye"
        + (idTokenHint is null ? "" : "&id_token_hint=" + idTokenHint);

    [Fact]
    public async Task With_the_identity_token_as_hint_the_session_ends_and_the_browser_goes_back_to_the_client()
    {
        var student = await topology.CreateStudentAsync();
        using var browser = Tokens.CreateBrowser();
        var request = AuthorizationRequest.Create();
        var first = await Tokens.AuthorizeAsync(browser, request, (student.StudentNumber, student.Password));
        var tokens = await Tokens.RedeemCodeAsync(first.Code!, request);
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), credentials: null)).Code);

        using var endSession = await browser.GetAsync(EndSessionUrl(tokens.IdToken), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, endSession.StatusCode);
        Assert.Equal(IdentityProvider.RedirectUri.AbsoluteUri + "?state=bye", endSession.Headers.Location?.AbsoluteUri);
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task A_bare_link_asks_for_confirmation_and_the_session_goes_on()
    {
        var student = await topology.CreateStudentAsync();
        using var browser = Tokens.CreateBrowser();
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), (student.StudentNumber, student.Password))).Code);

        using var endSession = await browser.GetAsync(EndSessionUrl(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, endSession.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/connect/endsession\">", await endSession.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), credentials: null)).Code);
    }

    [Fact]
    public async Task Confirming_on_the_page_ends_the_session()
    {
        var student = await topology.CreateStudentAsync();
        using var browser = Tokens.CreateBrowser();
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), (student.StudentNumber, student.Password))).Code);
        using var page = await browser.GetAsync(EndSessionUrl(), TestContext.Current.CancellationToken);
        var fields = HiddenField().Matches(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

        using var form = new FormUrlEncodedContent(fields);
        using var confirmed = await browser.PostAsync("/connect/endsession", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, confirmed.StatusCode);
        Assert.Equal(IdentityProvider.RedirectUri.AbsoluteUri + "?state=bye", confirmed.Headers.Location?.AbsoluteUri);
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task A_confirmation_posted_without_the_antiforgery_token_ends_nothing()
    {
        var student = await topology.CreateStudentAsync();
        using var browser = Tokens.CreateBrowser();
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), (student.StudentNumber, student.Password))).Code);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = IdentityProvider.WebClientId,
            ["post_logout_redirect_uri"] = IdentityProvider.RedirectUri.AbsoluteUri,
            ["confirm"] = "yes",
        });
        using var posted = await browser.PostAsync("/connect/endsession", form, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.Found, posted.StatusCode);
        Assert.NotNull((await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), credentials: null)).Code);
    }

    private async Task AssertSignedOutAsync(HttpClient browser)
    {
        var next = await Tokens.AuthorizeAsync(browser, AuthorizationRequest.Create(), credentials: null);
        Assert.Null(next.Code);
        Assert.Contains("<form method=\"post\" action=\"/account/login\">", next.Page, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}
