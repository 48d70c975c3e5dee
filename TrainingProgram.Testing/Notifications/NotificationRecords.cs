using System.Net.Http.Json;

namespace TrainingProgram.Testing.Notifications;

/// <summary>The Notification Service's records of what it sent, read through its API as a registrar.</summary>
public sealed class NotificationRecords
{
    /// <summary>The event type of an enrollment's confirmation.</summary>
    public const string EnrollmentCreated = "EnrollmentCreated";

    /// <summary>The status of a notification the SMTP server accepted.</summary>
    public const string Sent = "Sent";

    private readonly Func<HttpClient> _registrarClient;
    private readonly TopologyTimeouts _timeouts;
    private readonly Func<string>? _diagnostics;

    internal NotificationRecords(Func<HttpClient> registrarClient, TopologyTimeouts timeouts, Func<string>? diagnostics)
    {
        _registrarClient = registrarClient;
        _timeouts = timeouts;
        _diagnostics = diagnostics;
    }

    /// <summary>The records of an enrollment's events, now.</summary>
    public Task<NotificationRecord[]> ForEnrollmentAsync(Guid enrollmentId, CancellationToken cancellationToken = default) =>
        ListAsync($"/notifications?enrollmentId={enrollmentId}", cancellationToken);

    /// <summary>The records of a waitlist entry's events, now.</summary>
    public Task<NotificationRecord[]> ForWaitlistEntryAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        ListAsync($"/notifications?waitlistEntryId={entryId}", cancellationToken);

    /// <summary>Polls until the enrollment has a notification of <paramref name="kind"/> in <paramref name="status"/>; returns it.</summary>
    public Task<NotificationRecord> WaitForAsync(Guid enrollmentId, string kind = EnrollmentCreated, string status = Sent, TimeSpan? timeout = null) =>
        WaitForAsync(ct => ForEnrollmentAsync(enrollmentId, ct), kind, status, $"enrollment {enrollmentId}", timeout);

    /// <summary>Polls until the waitlist entry has a notification of <paramref name="kind"/> in <paramref name="status"/>; returns it.</summary>
    public Task<NotificationRecord> WaitForWaitlistEntryAsync(Guid entryId, string kind, string status = Sent, TimeSpan? timeout = null) =>
        WaitForAsync(ct => ForWaitlistEntryAsync(entryId, ct), kind, status, $"waitlist entry {entryId}", timeout);

    private async Task<NotificationRecord[]> ListAsync(string path, CancellationToken cancellationToken)
    {
        using var http = _registrarClient();
        return (await http.GetFromJsonAsync<NotificationRecord[]>(new Uri(path, UriKind.Relative),
            cancellationToken.CanBeCanceled ? cancellationToken : TestCancellation.Current))!;
    }

    private async Task<NotificationRecord> WaitForAsync(
        Func<CancellationToken, Task<NotificationRecord[]>> list, string kind, string status, string subject, TimeSpan? timeout)
    {
        var records = await Eventually.Until(
            list, found => found.Any(n => n.Kind == kind && n.Status == status), $"a {status} {kind} notification for {subject}",
            timeout ?? _timeouts.Outcome, _diagnostics);
        return records.First(n => n.Kind == kind && n.Status == status);
    }
}
