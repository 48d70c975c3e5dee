using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TrainingProgram.EnrollmentApi.Outbox;

/// <summary>The relay's spans and metrics (picked up by the service defaults' "TrainingProgram.*" wildcard).</summary>
public sealed class OutboxTelemetry : IDisposable
{
    public const string Name = "TrainingProgram.EnrollmentApi.Outbox";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private long _pendingCount;
    private double _oldestPendingAgeSeconds;

    public OutboxTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Published = _meter.CreateCounter<long>("trainingprogram.outbox.published", "{message}", "Events the broker confirmed");
        PublishFailed = _meter.CreateCounter<long>("trainingprogram.outbox.publish_failed", "{message}", "Publish attempts the broker refused or that failed");
        _meter.CreateObservableGauge("trainingprogram.outbox.pending", () => Volatile.Read(ref _pendingCount), "{message}", "Events not yet published");
        _meter.CreateObservableGauge("trainingprogram.outbox.oldest_pending_age", () => Volatile.Read(ref _oldestPendingAgeSeconds), "s", "Age of the oldest unpublished event");
    }

    public Counter<long> Published { get; }

    public Counter<long> PublishFailed { get; }

    public void RecordBacklog(long pendingCount, TimeSpan oldestAge)
    {
        Volatile.Write(ref _pendingCount, pendingCount);
        Volatile.Write(ref _oldestPendingAgeSeconds, oldestAge.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
