using System.Net.Http.Json;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

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
    DateTimeOffset? SentAt)
{
    public static async Task<NotificationRecord[]> ForEnrollmentAsync(TrainingProgramApp app, Guid enrollmentId, CancellationToken cancellationToken)
    {
        using var http = app.CreateHttpClient(TrainingProgramApp.NotificationService);
        return (await http.GetFromJsonAsync<NotificationRecord[]>($"/notifications?enrollmentId={enrollmentId}", cancellationToken))!;
    }
}
