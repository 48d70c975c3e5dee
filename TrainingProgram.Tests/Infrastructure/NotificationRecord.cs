using System.Net.Http.Json;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>One item of GET /notifications?enrollmentId= (or ?waitlistEntryId=), as a client reads it.</summary>
public sealed record NotificationRecord(
    Guid EventId,
    Guid? EnrollmentId,
    Guid? WaitlistEntryId,
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

    public static async Task<NotificationRecord[]> ForWaitlistEntryAsync(TrainingProgramApp app, Guid entryId, CancellationToken cancellationToken)
    {
        using var http = app.CreateHttpClient(TrainingProgramApp.NotificationService);
        return (await http.GetFromJsonAsync<NotificationRecord[]>($"/notifications?waitlistEntryId={entryId}", cancellationToken))!;
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

    /// <summary>Polls until the waitlist entry has a notification of <paramref name="kind"/> in <paramref name="status"/>.</summary>
    public static async Task<NotificationRecord> WaitForWaitlistEntryAsync(TrainingProgramApp app, Guid entryId, string kind, string status, TimeSpan? timeout = null)
    {
        var records = await Eventually.Until(
            ct => ForWaitlistEntryAsync(app, entryId, ct),
            list => list.Any(n => n.Kind == kind && n.Status == status),
            $"a {status} {kind} notification for waitlist entry {entryId}",
            timeout);
        return records.First(n => n.Kind == kind && n.Status == status);
    }
}
