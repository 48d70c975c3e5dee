using System.Net.Http.Json;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>One item of GET /notifications?enrollmentId=, as a client reads it.</summary>
public sealed record NotificationRecord(
    Guid EventId,
    Guid EnrollmentId,
    string Kind,
    string Recipient,
    string Subject,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? TraceId)
{
    public static async Task<NotificationRecord[]> ForEnrollmentAsync(TrainingProgramApp app, Guid enrollmentId, CancellationToken cancellationToken)
    {
        using var http = app.CreateHttpClient(TrainingProgramApp.NotificationService);
        return (await http.GetFromJsonAsync<NotificationRecord[]>($"/notifications?enrollmentId={enrollmentId}", cancellationToken))!;
    }

    /// <summary>Polls until the enrollment has a notification of <paramref name="kind"/> in <paramref name="status"/>.</summary>
    public static async Task<NotificationRecord> WaitForAsync(TrainingProgramApp app, Guid enrollmentId, string kind, string status, TimeSpan? timeout = null)
    {
        var records = await Eventually.Until(
            ct => ForEnrollmentAsync(app, enrollmentId, ct),
            list => list.Any(n => n.Kind == kind && n.Status == status),
            $"a {status} {kind} notification for enrollment {enrollmentId}",
            timeout);
        return records.First(n => n.Kind == kind && n.Status == status);
    }
}
