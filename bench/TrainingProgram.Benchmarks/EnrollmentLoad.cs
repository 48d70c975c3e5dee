using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Students and courses made through the API, handed out as (student, course) pairs that are never reused,
/// spread over the courses so concurrent requests rarely queue on one course row.
/// </summary>
public sealed class EnrollmentLoad(HttpClient api)
{
    public sealed record Sample(Guid EnrollmentId, TimeSpan Latency);

    private readonly List<Guid> _students = [];
    private readonly List<Guid> _courses = [];
    private long _nextPair = -1;

    public async Task SeedAsync(int students, int courses, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        using var gate = new SemaphoreSlim(16);
        _courses.AddRange(await Task.WhenAll(Enumerable.Range(0, courses).Select(i => CreateAsync(gate, "/courses",
            new { code = $"B{run}{i:D4}", title = $"Benchmark course {i}", credits = 5, capacity = students }, cancellationToken))));
        _students.AddRange(await Task.WhenAll(Enumerable.Range(0, students).Select(i => CreateAsync(gate, "/students",
            new { studentNumber = $"B-{run}-{i:D5}", fullName = $"Bench Student {i}", email = $"bench.{run}.{i}@example.edu" }, cancellationToken))));
    }

    /// <summary>One enrollment to make: a (student, course) pair no other request uses.</summary>
    public sealed record Attempt(Guid StudentId, Guid CourseId);

    /// <summary>POST /enrollments for the next unused pair; throws unless 201.</summary>
    public Task<Sample> EnrollNextAsync(CancellationToken cancellationToken) => EnrollAsync(NextAttempt(), cancellationToken);

    public Attempt NextAttempt()
    {
        var pair = Interlocked.Increment(ref _nextPair);
        return new(_students[(int)(pair / _courses.Count)], _courses[(int)(pair % _courses.Count)]);
    }

    /// <summary>POST /enrollments; throws unless 201.</summary>
    public async Task<Sample> EnrollAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await api.PostAsJsonAsync("/enrollments", new { studentId = attempt.StudentId, courseId = attempt.CourseId }, cancellationToken);
        var latency = stopwatch.Elapsed;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /enrollments answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new(body.GetProperty("id").GetGuid(), latency);
    }

    /// <summary>
    /// The enrollment a failed request made, if it committed: the pair is never reused, so the student's only
    /// enrollment in that course is it.
    /// </summary>
    public async Task<Guid?> FindEnrollmentAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/students/{attempt.StudentId}/enrollments?pageSize=100", cancellationToken);
        foreach (var enrollment in page.GetProperty("items").EnumerateArray())
        {
            if (enrollment.GetProperty("courseId").GetGuid() == attempt.CourseId)
            {
                return enrollment.GetProperty("id").GetGuid();
            }
        }

        return null;
    }

    private async Task<Guid> CreateAsync(SemaphoreSlim gate, string path, object request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var response = await api.PostAsJsonAsync(path, request, cancellationToken);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
        }
        finally
        {
            gate.Release();
        }
    }
}
