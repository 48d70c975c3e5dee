using System.Diagnostics;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace TrainingProgram.Messaging.Tracing;

/// <summary>
/// Carries W3C trace context (traceparent, tracestate, baggage) in AMQP message headers, so that the consumer's
/// span is a child of the producer's and one trace runs from the HTTP request to the email.
/// (RabbitMQ.Client's own instrumentation only links the two, which starts a new trace per message.)
/// </summary>
public static class AmqpTraceContext
{
    private static TextMapPropagator Propagator => Propagators.DefaultTextMapPropagator;

    public static void Inject(ActivityContext context, IDictionary<string, object?> headers) =>
        Propagator.Inject(new PropagationContext(context, Baggage.Current), headers,
            static (carrier, key, value) => carrier[key] = value);

    public static PropagationContext Extract(IDictionary<string, object?>? headers) =>
        Propagator.Extract(default, headers, static (carrier, key) =>
            carrier is not null && carrier.TryGetValue(key, out var value) && value is not null
                ? [value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value.ToString()!]
                : []);

    /// <summary>The W3C traceparent of an activity, to store beside an outbox row until it is published.</summary>
    public static string? TraceParentOf(Activity? activity) => activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null;

    /// <summary>Reads back a stored traceparent/tracestate pair; default when there is none or it is malformed.</summary>
    public static ActivityContext ParseTraceParent(string? traceParent, string? traceState) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
}
