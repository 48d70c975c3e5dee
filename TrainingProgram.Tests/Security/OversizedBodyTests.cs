using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Security;

/// <summary>
/// A body over the services' 32 KiB limit gets its 413 problem, megabytes included, every time, and changes nothing.
/// Closing the connection under a client that is still uploading (Kestrel's own refusal) showed the client
/// "connection reset" most of the time instead of the answer.
/// </summary>
public sealed class OversizedBodyTests(TrainingProgramApp app) : IAsyncLifetime
{
    private const int Tries = 10;
    private const int Megabytes = 5;

    private EnrollmentDatabase _db = null!;

    public static TheoryData<string, string, string> EndpointsThatReadTheirBody => new()
    {
        { ResourceNames.EnrollmentApi, "/students", "application/json" },
        { ResourceNames.EnrollmentApi, "/enrollments", "application/json" },
        { ResourceNames.Identity, "/accounts/students", "application/json" },
        { ResourceNames.Identity, "/connect/token", "application/x-www-form-urlencoded" },
        { ResourceNames.Identity, "/account/login", "application/x-www-form-urlencoded" },
    };

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(app);

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [MemberData(nameof(EndpointsThatReadTheirBody))]
    public async Task A_body_of_megabytes_with_its_length_declared_gets_the_413_problem_every_time(string service, string path, string mediaType)
    {
        using var http = app.CreateRegistrarClient(service);

        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var number = UniqueNames.StudentNumber();
            using var content = new ByteArrayContent(Body(mediaType, number));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

            using var response = await SendAsync(http, path, content, attempt);

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
            Assert.Equal(0, await _db.CountStudentsAsync(number));
        }
    }

    [Fact]
    public async Task A_body_of_megabytes_sent_in_chunks_without_a_length_gets_the_413_problem_every_time()
    {
        using var http = app.CreateRegistrarClient(ResourceNames.EnrollmentApi);

        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var number = UniqueNames.StudentNumber();
            using var content = new StreamContent(new MemoryStream(Body("application/json", number)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/students") { Content = content };
            request.Headers.TransferEncodingChunked = true; // no Content-Length

            using var response = await SendAsync(http, request, attempt);

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
            Assert.Equal(0, await _db.CountStudentsAsync(number));
        }
    }

    /// <summary>A well-formed body whose one long value takes it over the limit (and stays under the 8 MiB the services drain).</summary>
    private static byte[] Body(string mediaType, string studentNumber)
    {
        var filler = new string('a', Megabytes * 1024 * 1024);
        return Encoding.UTF8.GetBytes(mediaType == "application/json"
            ? $$"""{"studentNumber":"{{studentNumber}}","fullName":"{{filler}}","email":"{{studentNumber.ToLowerInvariant()}}@example.edu","password":"x"}"""
            : $"grant_type=client_credentials&client_id={filler}");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, HttpContent content, int attempt) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, attempt);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, int attempt)
    {
        try
        {
            return await http.SendAsync(request, TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new Xunit.Sdk.XunitException($"attempt {attempt} of {Tries}: no answer, the connection failed ({e.Message}: {e.InnerException?.Message})");
        }
    }
}
