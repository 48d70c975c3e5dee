using System.Diagnostics.Metrics;

namespace TrainingProgram.Messaging.Outbox;

/// <summary>The relay's metrics (meter "TrainingProgram.Messaging.Outbox", exported by the service defaults' wildcard).</summary>
public sealed class OutboxTelemetry : IDisposable
{
    public const string MeterName = "TrainingProgram.Messaging.Outbox";

    private readonly Meter _meter;
    private long _pendingCount;
    private double _oldestPendingAgeSeconds;
    private long _givenUpCount;

    public OutboxTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        Published = _meter.CreateCounter<long>("trainingprogram.outbox.published", "{message}", "Events the broker confirmed");
        PublishFailed = _meter.CreateCounter<long>("trainingprogram.outbox.publish_failed", "{message}", "Publish attempts the broker refused or that failed");
        GivenUp = _meter.CreateCounter<long>("trainingprogram.outbox.given_up", "{message}", "Events the relay stopped trying to publish (unroutable for too long)");
        _meter.CreateObservableGauge("trainingprogram.outbox.pending", () => Volatile.Read(ref _pendingCount), "{message}", "Events not yet published");
        _meter.CreateObservableGauge("trainingprogram.outbox.oldest_pending_age", () => Volatile.Read(ref _oldestPendingAgeSeconds), "s", "Age of the oldest unpublished event");
        _meter.CreateObservableGauge("trainingprogram.outbox.given_up_rows", () => Volatile.Read(ref _givenUpCount), "{message}", "Rows given up on, waiting for an operator");
    }

    public Counter<long> Published { get; }

    public Counter<long> PublishFailed { get; }

    public Counter<long> GivenUp { get; }

    public void RecordBacklog(long pendingCount, TimeSpan oldestAge, long givenUpCount)
    {
        Volatile.Write(ref _pendingCount, pendingCount);
        Volatile.Write(ref _oldestPendingAgeSeconds, oldestAge.TotalSeconds);
        Volatile.Write(ref _givenUpCount, givenUpCount);
    }

    public void Dispose() => _meter.Dispose();
}
