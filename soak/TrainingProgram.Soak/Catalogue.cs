using System.Net.Http.Json;
using System.Text.Json;

namespace TrainingProgram.Soak;

/// <summary>
/// The courses and students of one run, made through the API before any fault, and the (student, course) pairs the
/// traffic enrolls: no pair is used twice, so the database alone says what a request whose answer was lost made.
/// </summary>
public sealed class Catalogue
{
    /// <summary>A few small courses fill up and make the capacity rule work; the large ones never do.</summary>
    private static readonly int[] Capacities = [4, 12, 10_000, 10_000, 10_000, 10_000];

    private readonly int[] _nextStudent;

    private Catalogue(IReadOnlyList<Course> courses, IReadOnlyList<Student> students)
    {
        Courses = courses;
        Students = students;
        _nextStudent = new int[courses.Count];
    }

    public sealed record Course(Guid Id, string Code, int Capacity);

    public sealed record Student(Guid Id, string Email);

    public IReadOnlyList<Course> Courses { get; }

    public IReadOnlyList<Student> Students { get; }

    public static async Task<Catalogue> CreateAsync(HttpClient api, int enrollmentAttempts)
    {
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        // Enough students that every course could take its share of the attempts, whichever courses the draws favour.
        var students = enrollmentAttempts * 3 / (2 * Capacities.Length) + 20;
        using var gate = new SemaphoreSlim(16);
        var courses = await Task.WhenAll(Capacities.Select(async (capacity, i) => new Course(
            await CreateAsync(api, gate, "/courses", new { code = $"SK{run}{i}", title = $"Soak course {i}", credits = 5, capacity }),
            $"SK{run}{i}", capacity)));
        var made = await Task.WhenAll(Enumerable.Range(0, students).Select(async i =>
        {
            var email = $"soak.{run}.{i}@example.edu".ToLowerInvariant();
            return new Student(
                await CreateAsync(api, gate, "/students", new { studentNumber = $"SK-{run}-{i:D5}", fullName = $"Soak Student {i}", email }),
                email);
        }));
        return new Catalogue(courses, made);
    }

    /// <summary>The next unused pair in a course the draw picks among those with students left; null when all are used.</summary>
    public (Student Student, Course Course)? NextPair(Random random)
    {
        var open = Enumerable.Range(0, Courses.Count).Where(c => _nextStudent[c] < Students.Count).ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var course = open[random.Next(open.Count)];
        return (Students[_nextStudent[course]++], Courses[course]);
    }

    private static async Task<Guid> CreateAsync(HttpClient api, SemaphoreSlim gate, string path, object request)
    {
        await gate.WaitAsync();
        try
        {
            using var response = await api.PostAsJsonAsync(path, request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        finally
        {
            gate.Release();
        }
    }
}
