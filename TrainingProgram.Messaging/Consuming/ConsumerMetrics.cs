using System.Diagnostics.Metrics;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>The consumer's metrics (meter "TrainingProgram.Messaging.Consumer", exported by the service defaults' wildcard).</summary>
internal sealed class ConsumerMetrics
{
    public const string MeterName = "TrainingProgram.Messaging.Consumer";

    private readonly Counter<long> _handled;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _held;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _parked;

    public ConsumerMetrics(IMeterFactory meterFactory, OutageGate gate)
    {
        var meter = meterFactory.Create(MeterName);
        _handled = meter.CreateCounter<long>("trainingprogram.messaging.handled", "{message}", "Deliveries handled, by outcome.");
        _retried = meter.CreateCounter<long>("trainingprogram.messaging.retried", "{message}", "Failed attempts sent to a delay queue, by tier.");
        _held = meter.CreateCounter<long>("trainingprogram.messaging.held", "{attempt}", "Attempts that met an unavailable dependency and were held, by dependency.");
        _deadLettered = meter.CreateCounter<long>("trainingprogram.messaging.dead_lettered", "{message}", "Messages stored in the dead letters, by reason.");
        _parked = meter.CreateCounter<long>("trainingprogram.messaging.parked", "{message}",
            "Deliveries held through an outage for too long, or at a stop, and parked in a delay queue (no attempt counted).");
        meter.CreateObservableGauge("trainingprogram.messaging.paused", () => gate.WaitingFor is null ? 0 : 1, "{consumer}",
            "1 while the consumer holds its deliveries because a dependency is down.");
    }

    public void Handled(string? type, string outcome) =>
        _handled.Add(1, new KeyValuePair<string, object?>("message.type", type ?? "unknown"), new KeyValuePair<string, object?>("outcome", outcome));

    public void Retried(string tier) => _retried.Add(1, new KeyValuePair<string, object?>("tier", tier));

    public void Held(string dependency) => _held.Add(1, new KeyValuePair<string, object?>("dependency", dependency));

    public void Parked() => _parked.Add(1);

    public void DeadLettered(string reason) => _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
