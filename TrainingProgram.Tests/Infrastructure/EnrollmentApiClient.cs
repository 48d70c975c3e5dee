using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>Makes students, courses and enrollments through the Enrollment API, each with unique numbers and codes.</summary>
public sealed class EnrollmentApiClient(HttpClient http)
{
    public sealed record CreatedStudent(Guid Id, string StudentNumber, string FullName, string Email);

    public sealed record CreatedCourse(Guid Id, string Code, string Title, int Capacity);

    public HttpClient Http => http;

    public async Task<CreatedStudent> CreateStudentAsync(string? fullName = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var request = new { studentNumber = $"S-{unique}", fullName = fullName ?? $"Student {unique}", email = $"student.{unique}@example.edu" };
        using var response = await http.PostAsJsonAsync("/students", request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new(body.GetProperty("id").GetGuid(), request.studentNumber, request.fullName, request.email);
    }

    public async Task<CreatedCourse> CreateCourseAsync(int capacity = 30, string? title = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var request = new { code = $"C{unique}", title = title ?? $"Course {unique}", credits = 5, capacity };
        using var response = await http.PostAsJsonAsync("/courses", request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new(body.GetProperty("id").GetGuid(), request.code, request.title, capacity);
    }

    /// <summary>POST /enrollments; the caller asserts on the answer. A traceparent makes the request part of that trace.</summary>
    public Task<HttpResponseMessage> EnrollAsync(Guid studentId, Guid courseId, string? traceParent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/enrollments")
        {
            Content = JsonContent.Create(new { studentId, courseId }),
        };
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Enrolls and returns the new enrollment's id, asserting 201.</summary>
    public async Task<Guid> EnrollSuccessfullyAsync(Guid studentId, Guid courseId, string? traceParent = null)
    {
        using var response = await EnrollAsync(studentId, courseId, traceParent);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> CancelAsync(Guid enrollmentId) =>
        http.DeleteAsync($"/enrollments/{enrollmentId}", TestContext.Current.CancellationToken);
}
