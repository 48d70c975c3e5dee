using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Identity;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Enrollments;

public sealed class ApiDocumentTests(TrainingProgramApp topology)
{
    /// <summary>Pinned, so that a brand-new machine lints with the same rules as this one (scripts/setup.sh fetches it).</summary>
    public const string RedoclyCli = "@redocly/cli@2.77.0";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint()
    {
        using var api = EnrollmentApiClient.For(topology);

        var document = await api.GetAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/students:post", "/students:get", "/students/{id}:get", "/students/{id}/enrollments:get",
            "/courses:post", "/courses:get", "/courses/{id}:get", "/courses/{id}/enrollments:get",
            "/enrollments:post", "/enrollments/{id}:get", "/enrollments/{id}:delete",
        ];
        var actual = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{path.Name}:{operation.Name}"))
            .ToHashSet();
        Assert.Subset(actual, expected.ToHashSet());
        Assert.Equal(
            "Idempotency-Key",
            paths.GetProperty("/enrollments").GetProperty("post").GetProperty("parameters")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_api_reference_is_served_in_development()
    {
        using var api = EnrollmentApiClient.For(topology);

        using var response = await api.Http.GetAsync("/scalar", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Scalar", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_declares_how_to_get_a_token_from_the_identity_provider()
    {
        var document = await GetDocumentAsync();
        using var identity = new HttpClient { BaseAddress = topology.App.GetEndpoint(ResourceNames.Identity, "http") };
        var discovery = await identity.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var oauth2 = schemes.GetProperty("oauth2");
        Assert.Equal("oauth2", oauth2.GetProperty("type").GetString());
        var code = oauth2.GetProperty("flows").GetProperty("authorizationCode");
        Assert.Equal(discovery.GetProperty("authorization_endpoint").GetString(), code.GetProperty("authorizationUrl").GetString());
        Assert.Equal(discovery.GetProperty("token_endpoint").GetString(), code.GetProperty("tokenUrl").GetString());
        Assert.True(code.GetProperty("scopes").TryGetProperty("enrollments", out _));
        var machines = oauth2.GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal(discovery.GetProperty("token_endpoint").GetString(), machines.GetProperty("tokenUrl").GetString());
        Assert.Contains(IdentityProvider.WebClientId, oauth2.GetProperty("description").GetString(), StringComparison.Ordinal);
        var bearer = schemes.GetProperty("bearer");
        Assert.Equal(("http", "bearer", "JWT"), (
            bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString(), bearer.GetProperty("bearerFormat").GetString()));
    }

    [Fact]
    public async Task Every_operation_requires_a_token_names_its_roles_and_documents_401_and_for_writes_429()
    {
        var document = await GetDocumentAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(item => Methods.Contains(item.Name))
                .Select(item => (Name: $"{item.Name.ToUpperInvariant()} {path.Name}", Method: item.Name, Operation: item.Value)))
            .ToList();

        Assert.NotEmpty(operations);
        foreach (var (name, method, operation) in operations)
        {
            var requirements = operation.GetProperty("security").EnumerateArray()
                .Select(requirement => string.Join(',', requirement.EnumerateObject().Select(s => $"{s.Name}:{string.Join(' ', s.Value.EnumerateArray())}")))
                .ToList();
            Assert.True(requirements.SequenceEqual(["oauth2:enrollments", "bearer:"]), $"{name}: security {string.Join(" | ", requirements)}");
            Assert.Matches(@"\*\*Access:\*\* an access token with role `(student` or `registrar|registrar)`\.", operation.GetProperty("description").GetString());
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{name}: no 401");
            Assert.True(responses.TryGetProperty("403", out _), $"{name}: no 403");
            Assert.True(responses.TryGetProperty("429", out var tooMany) == (method != "get"), $"{name}: 429 documented only for writes");
            if (method != "get")
            {
                Assert.True(tooMany.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{name}: 429 without Retry-After");
            }
        }

        var roles = operations.ToDictionary(o => o.Name, o => o.Operation.GetProperty("description").GetString()!);
        Assert.EndsWith("role `registrar`.", roles["POST /students"], StringComparison.Ordinal);
        Assert.EndsWith("role `student` or `registrar`.", roles["POST /enrollments"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/scalar/")]
    [InlineData("/scalar/v1")]
    public async Task The_api_reference_signs_in_with_the_public_client_and_returns_to_its_own_page(string page)
    {
        var authorizationUrl = (await GetDocumentAsync()).GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2")
            .GetProperty("flows").GetProperty("authorizationCode").GetProperty("authorizationUrl").GetString()!;
        using var api = EnrollmentApiClient.For(topology);
        var scalar = await api.Http.GetStringAsync(page, Ct);

        // What Scalar's "Authorize" does: the authorization URL with its own page as the redirect URI and a PKCE challenge.
        var redirectUri = new Uri(api.Http.BaseAddress!, page).AbsoluteUri;
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var query = new Dictionary<string, string>
        {
            ["client_id"] = IdentityProvider.WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = "openid enrollments",
            ["state"] = "scalar",
            ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(
            authorizationUrl + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")), Ct);

        Assert.Contains(IdentityProvider.WebClientId, scalar, StringComparison.Ordinal);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"{redirectUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_may_redeem_its_code_from_the_browser()
    {
        var tokenUrl = (await GetDocumentAsync()).GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2")
            .GetProperty("flows").GetProperty("authorizationCode").GetProperty("tokenUrl").GetString()!;
        var origin = topology.App.GetEndpoint(ResourceNames.EnrollmentApi, "http").GetLeftPart(UriPartial.Authority);

        // Scalar redeems the code with fetch() from the API's page: the browser asks first (a CORS preflight).
        using var preflight = new HttpRequestMessage(HttpMethod.Options, tokenUrl);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var browser = new HttpClient();
        using var response = await browser.SendAsync(preflight, Ct);

        Assert.True(response.IsSuccessStatusCode, $"preflight: {(int)response.StatusCode}");
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task The_openapi_document_points_at_the_address_it_was_fetched_from()
    {
        var servers = (await GetDocumentAsync()).GetProperty("servers");

        // Relative: the proxied address a reader uses, not the port Kestrel happens to listen on.
        Assert.Equal("/", Assert.Single(servers.EnumerateArray()).GetProperty("url").GetString());
    }

    [Fact]
    public async Task The_openapi_document_passes_redocly_lint_with_the_recommended_rules()
    {
        using var api = EnrollmentApiClient.For(topology);
        var root = RepositoryRoot();
        var file = Path.Combine(AppContext.BaseDirectory, "TestResults", "openapi", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, await api.Http.GetStringAsync("/openapi/v1.json", Ct), Ct);

        var (exitCode, output, errors) = await RunAsync(
            "npx", ["--yes", RedoclyCli, "lint", "--config", Path.Combine(root, "redocly.yaml"), "--format", "json", file], root, TimeSpan.FromMinutes(3));

        // Warnings count too: the recommended rules pass, or redocly.yaml switches a rule off and says why.
        Assert.True(exitCode == 0, $"redocly lint {file} exited with {exitCode}:\n{output}\n{errors}");
        using var report = JsonDocument.Parse(output);
        var totals = report.RootElement.GetProperty("totals");
        Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0, $"redocly lint {file}:\n{output}");
    }

    private async Task<JsonElement> GetDocumentAsync()
    {
        using var api = EnrollmentApiClient.For(topology);
        return await api.GetAsync<JsonElement>("/openapi/v1.json");
    }

    /// <summary>Runs a tool to its end and returns its exit code, standard output and standard error.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{fileName}' could not be started ({ex.Message}): the OpenAPI lint needs Node.js 20.19+ with npm (scripts/setup.sh checks it).", ex);
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(timeout);
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
            }

            return (process.ExitCode, await output, await errors);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrainingProgram.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("TrainingProgram.sln not found above the test output");
    }
}
