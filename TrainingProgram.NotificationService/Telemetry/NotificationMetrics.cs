using System.Diagnostics.Metrics;

namespace TrainingProgram.NotificationService.Telemetry;

/// <summary>The service's counters and the end-to-end latency histogram (meter "TrainingProgram.NotificationService").</summary>
internal sealed class NotificationMetrics
{
    public const string MeterName = "TrainingProgram.NotificationService";

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _superseded;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsFailed;
    private readonly Histogram<double> _endToEndLatency;

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _consumed = meter.CreateCounter<long>("trainingprogram.notification.messages.consumed", "{message}",
            "Enrollment event deliveries taken from the queue.");
        _superseded = meter.CreateCounter<long>("trainingprogram.notification.emails.superseded", "{email}",
            "Confirmations not sent because the enrollment's cancellation was handled first.");
        _emailsSent = meter.CreateCounter<long>("trainingprogram.notification.emails.sent", "{email}",
            "Emails the SMTP server accepted.");
        _emailsFailed = meter.CreateCounter<long>("trainingprogram.notification.emails.failed", "{email}",
            "Emails given up on (refused for good, out of attempts, past the delivery limit); their messages are in the dead letters.");
        _endToEndLatency = meter.CreateHistogram("trainingprogram.notification.end_to_end_latency", "s",
            "From the event's occurredAt to the SMTP server accepting the email.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    public void Consumed(string? eventType) => _consumed.Add(1, new KeyValuePair<string, object?>("event.type", eventType ?? "unknown"));

    public void Superseded() => _superseded.Add(1);

    public void EmailSent(string kind, TimeSpan endToEnd)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        _emailsSent.Add(1, tag);
        _endToEndLatency.Record(Math.Max(0, endToEnd.TotalSeconds), tag);
    }

    public void EmailFailed(string kind) => _emailsFailed.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
