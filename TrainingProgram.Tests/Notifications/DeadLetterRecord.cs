using System.Net.Http.Json;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>One item of GET /dead-letters on the Notification Service, as an operator's client reads it.</summary>
public sealed record DeadLetterRecord(
    long Id,
    string? MessageId,
    string? EventType,
    Guid? EnrollmentId,
    string Reason,
    string Description,
    int Attempts,
    int Replays,
    DateTimeOffset DeadLetteredAt,
    string RoutingKey,
    string Body)
{
    public static async Task<DeadLetterRecord[]> ListAsync(TrainingProgramApp app, CancellationToken cancellationToken, string? reason = null)
    {
        using var http = app.CreateRegistrarClient(ResourceNames.NotificationService);
        // The most the endpoint gives (oldest first): a long run's topology may hold more than the default 100.
        var query = reason is null ? "?limit=1000" : $"?limit=1000&reason={Uri.EscapeDataString(reason)}";
        return (await http.GetFromJsonAsync<DeadLetterRecord[]>($"/dead-letters{query}", cancellationToken))!;
    }
}
