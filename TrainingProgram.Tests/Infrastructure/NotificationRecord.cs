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
    public static Task<NotificationRecord> WaitForAsync(TrainingProgramApp app, Guid enrollmentId, string kind, string status, TimeSpan? timeout = null) =>
        WaitForAsync(ct => ForEnrollmentAsync(app, enrollmentId, ct), kind, status, $"enrollment {enrollmentId}", timeout);

    /// <summary>Polls until the waitlist entry has a notification of <paramref name="kind"/> in <paramref name="status"/>.</summary>
    public static Task<NotificationRecord> WaitForWaitlistEntryAsync(TrainingProgramApp app, Guid entryId, string kind, string status, TimeSpan? timeout = null) =>
        WaitForAsync(ct => ForWaitlistEntryAsync(app, entryId, ct), kind, status, $"waitlist entry {entryId}", timeout);

    private static async Task<NotificationRecord> WaitForAsync(
        Func<CancellationToken, Task<NotificationRecord[]>> list, string kind, string status, string subject, TimeSpan? timeout)
    {
        var records = await Eventually.Until(
            list, found => found.Any(n => n.Kind == kind && n.Status == status), $"a {status} {kind} notification for {subject}", timeout);
        return records.First(n => n.Kind == kind && n.Status == status);
    }
}
