using System.Net;
using System.Net.Http.Json;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.EnrollmentApi;

/// <summary>The API through HTTP, with helpers named after what they make.</summary>
public sealed class EnrollmentApiClient(HttpClient http) : IDisposable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public HttpClient Http => http;

    public static EnrollmentApiClient For(TrainingProgramApp app) => new(app.CreateRegistrarClient(ResourceNames.EnrollmentApi));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> PostStudentAsync(object body) => http.PostAsJsonAsync("/students", body, Ct);

    public Task<HttpResponseMessage> PostCourseAsync(object body) => http.PostAsJsonAsync("/courses", body, Ct);

    public async Task<StudentJson> CreateStudentAsync(string? studentNumber = null, string fullName = "Test Student")
    {
        var number = studentNumber ?? UniqueNames.StudentNumber();
        using var response = await PostStudentAsync(new { studentNumber = number, fullName, email = $"{number.ToLowerInvariant()}@example.edu" });
        return await ReadCreatedAsync<StudentJson>(response);
    }

    public async Task<CourseJson> CreateCourseAsync(
        int capacity = 10, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, string? code = null,
        int waitlistCapacity = 0, string waitlistPromotion = "Offer")
    {
        using var response = await PostCourseAsync(new
        {
            code = code ?? UniqueNames.CourseCode(),
            title = "Test Course",
            credits = 5,
            capacity,
            enrollmentOpensAt = opensAt,
            enrollmentClosesAt = closesAt,
            waitlistCapacity,
            waitlistPromotion,
        });
        return await ReadCreatedAsync<CourseJson>(response);
    }

    public Task<HttpResponseMessage> EnrollAsync(Guid studentId, Guid courseId, string? idempotencyKey = null) =>
        EnrollAsync(new { studentId, courseId }, idempotencyKey);

    /// <summary>POST /enrollments; a W3C <paramref name="traceParent"/> makes the request part of that trace.</summary>
    public Task<HttpResponseMessage> EnrollAsync(object body, string? idempotencyKey = null, string? traceParent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/enrollments") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        if (traceParent is not null)
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        }

        return SendAndDisposeRequestAsync(request);
    }

    public async Task<EnrollmentJson> CreateEnrollmentAsync(Guid studentId, Guid courseId, string? traceParent = null)
    {
        using var response = await EnrollAsync(new { studentId, courseId }, traceParent: traceParent);
        return await ReadCreatedAsync<EnrollmentJson>(response);
    }

    public Task<HttpResponseMessage> CancelAsync(Guid enrollmentId) => http.DeleteAsync($"/enrollments/{enrollmentId}", Ct);

    /// <summary>POST /enrollments into a full course with a waitlist: asserts 202 and returns the place in line.</summary>
    public async Task<WaitlistEntryJson> JoinWaitlistAsync(Guid studentId, Guid courseId)
    {
        using var response = await EnrollAsync(studentId, courseId);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        var entry = await response.Content.ReadFromJsonAsync<WaitlistEntryJson>(Ct);
        Assert.NotNull(entry);
        Assert.Equal($"/waitlist/{entry.Id}", response.Headers.Location?.OriginalString);
        return entry;
    }

    public Task<HttpResponseMessage> AcceptOfferAsync(Guid entryId) => http.PostAsync($"/waitlist/{entryId}/accept", content: null, Ct);

    public Task<HttpResponseMessage> LeaveWaitlistAsync(Guid entryId) => http.DeleteAsync($"/waitlist/{entryId}", Ct);

    public Task<WaitlistEntryJson?> GetWaitlistEntryAsync(Guid entryId) => GetAsync<WaitlistEntryJson>($"/waitlist/{entryId}");

    /// <summary>The course's open entries in line order (offers and waiting students).</summary>
    public async Task<List<WaitlistEntryJson>> GetCourseWaitlistAsync(Guid courseId) =>
        (await GetAsync<PageJson<WaitlistEntryJson>>($"/courses/{courseId}/waitlist?pageSize=100"))!.Items;

    public Task<HttpResponseMessage> ChangeCourseAsync(Guid courseId, object changes) =>
        http.PatchAsJsonAsync($"/courses/{courseId}", changes, Ct);

    public Task<T?> GetAsync<T>(string path) => http.GetFromJsonAsync<T>(path, Ct);

    public Task<CourseJson?> GetCourseAsync(Guid id) => GetAsync<CourseJson>($"/courses/{id}");

    /// <summary>Asserts 201 with a Location that serves the same resource; returns the created resource.</summary>
    public async Task<T> ReadCreatedAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        var created = await response.Content.ReadFromJsonAsync<T>(Ct);
        Assert.NotNull(created);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal(created, await GetAsync<T>(response.Headers.Location.OriginalString));
        return created;
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAndDisposeRequestAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await http.SendAsync(request, Ct);
        }
    }
}
