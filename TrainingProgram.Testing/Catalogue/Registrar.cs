using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrainingProgram.Testing.SignIn;

namespace TrainingProgram.Testing.Catalogue;

/// <summary>What a registrar sets up through the Enrollment API and the identity provider: courses, students, accounts.</summary>
internal static class Registrar
{
    private sealed record Created(Guid Id);

    public static async Task<TestCourse> CreateCourseAsync(
        HttpClient api, int capacity, int waitlistCapacity, DateTimeOffset? opensAt, DateTimeOffset? closesAt)
    {
        var code = UniqueNames.CourseCode();
        var title = $"Course {code}";
        using var response = await api.PostAsJsonAsync(new Uri("/courses", UriKind.Relative), new
        {
            code,
            title,
            credits = 5,
            capacity,
            waitlistCapacity,
            enrollmentOpensAt = opensAt,
            enrollmentClosesAt = closesAt,
        }, TestCancellation.Current);
        var created = await ReadCreatedAsync(response, $"course {code}");
        return new TestCourse(created.Id, code, title, capacity, waitlistCapacity);
    }

    public static async Task<TestStudent> CreateStudentAsync(
        HttpClient api, IdentityProvider identity, string? studentNumber, string? fullName, string? email, string? password)
    {
        var number = studentNumber ?? UniqueNames.StudentNumber();
        var name = fullName ?? $"Student {number}";
        var address = email ?? $"{number.ToLowerInvariant()}@example.edu";
        var secret = password ?? UniqueNames.Password();
        using var response = await api.PostAsJsonAsync(new Uri("/students", UriKind.Relative),
            new { studentNumber = number, fullName = name, email = address }, TestCancellation.Current);
        var created = await ReadCreatedAsync(response, $"student {number}");
        await identity.CreateStudentAccountAsync(created.Id, secret);
        return new TestStudent(created.Id, number, name, address, secret);
    }

    private static async Task<Created> ReadCreatedAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync(TestCancellation.Current);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new TopologyExpectationException($"Creating {what}: expected 201, got {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<Created>(body, JsonSerializerOptions.Web)!;
    }
}
