using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrainingProgram.Soak;

/// <summary>
/// An open loop of enrollments and cancellations at a steady rate, whatever the faults do to the answers: each
/// request is recorded with the answer it got, and none is retried (a retry would hide what the fault did).
/// </summary>
public sealed class EnrollmentTraffic(HttpClient api, Catalogue catalogue, Random random, Stopwatch clock)
{
    public const double EnrollShare = 0.8;

    /// <summary>
    /// Half the cancellations pick one of the newest enrollments, whose confirmation is often still on its way: the
    /// race the notification service must settle with one cancellation email.
    /// </summary>
    private const int Newest = 10;

    private readonly ConcurrentQueue<EnrollRequest> _enrollments = new();
    private readonly ConcurrentQueue<CancelRequest> _cancellations = new();
    private readonly List<Guid> _cancellable = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<EnrollRequest> Enrollments => _enrollments;

    public IReadOnlyCollection<CancelRequest> Cancellations => _cancellations;

    public async Task RunAsync(TimeSpan duration, double perSecond)
    {
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var started = clock.Elapsed;
        var running = new List<Task>();
        for (var i = 0; ; i++)
        {
            var due = interval * i;
            if (due >= duration)
            {
                break;
            }

            if (started + due - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            running.Add(Task.Run(NextOperation()));
        }

        await Task.WhenAll(running);
    }

    private Func<Task> NextOperation()
    {
        lock (_gate)
        {
            if (random.NextDouble() >= EnrollShare && _cancellable.Count > 0)
            {
                var index = random.NextDouble() < 0.5
                    ? _cancellable.Count - 1 - random.Next(Math.Min(Newest, _cancellable.Count))
                    : random.Next(_cancellable.Count);
                var enrollment = _cancellable[index];
                _cancellable.RemoveAt(index);
                return () => CancelAsync(enrollment);
            }

            return catalogue.NextPair(random) is { } pair ? () => EnrollAsync(pair.Student.Id, pair.Course.Id) : () => Task.CompletedTask;
        }
    }

    private async Task EnrollAsync(Guid studentId, Guid courseId)
    {
        var at = clock.Elapsed;
        try
        {
            using var response = await api.PostAsJsonAsync("/enrollments", new { studentId, courseId });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                lock (_gate)
                {
                    _cancellable.Add(id);
                }

                _enrollments.Enqueue(new(studentId, courseId, at, Answer.Success, 201, null, id, null));
            }
            else
            {
                _enrollments.Enqueue(new(studentId, courseId, at, Classify(response.StatusCode), (int)response.StatusCode, await ProblemTypeAsync(response), null, null));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            _enrollments.Enqueue(new(studentId, courseId, at, Answer.NoAnswer, null, null, null, Describe(ex)));
        }
    }

    private async Task CancelAsync(Guid enrollmentId)
    {
        var at = clock.Elapsed;
        try
        {
            using var response = await api.DeleteAsync($"/enrollments/{enrollmentId}");
            _cancellations.Enqueue(new(enrollmentId, at, response.IsSuccessStatusCode ? Answer.Success : Classify(response.StatusCode), (int)response.StatusCode, null));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            _cancellations.Enqueue(new(enrollmentId, at, Answer.NoAnswer, null, Describe(ex)));
        }
    }

    private static Answer Classify(HttpStatusCode status) => (int)status >= 500 ? Answer.ServerError : Answer.Refused;

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return problem.TryGetProperty("type", out var type) ? type.GetString()?.Split('/')[^1] : null;
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        TaskCanceledException => "timed out",
        HttpRequestException { HttpRequestError: var error } => $"{error}: {ex.Message}",
        _ => ex.Message,
    };
}
