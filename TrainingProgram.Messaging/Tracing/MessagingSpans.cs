using System.Diagnostics;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.Messaging.Tracing;

/// <summary>
/// The producer and consumer spans, named and tagged by the OpenTelemetry messaging conventions. The source's name
/// starts with "TrainingProgram." so the service defaults export it.
/// </summary>
public static class MessagingSpans
{
    public const string SourceName = "TrainingProgram.Messaging";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartPublish(string exchange, string routingKey, string messageId, ActivityContext cause)
    {
        var activity = Source.StartActivity($"{exchange} publish", ActivityKind.Producer, cause);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.operation.name", "publish");
            activity.SetTag("messaging.destination.name", exchange);
            activity.SetTag("messaging.rabbitmq.destination.routing_key", routingKey);
            activity.SetTag("messaging.message.id", messageId);
        }

        return activity;
    }

    /// <summary>
    /// The consumer span's parent is the producer's context from the message headers, so that one trace runs from
    /// the request that caused the event to its handling (not a link, which would start a new trace per message).
    /// </summary>
    public static Activity? StartProcess(string queue, ReceivedMessage message, ulong deliveryTag, int bodySize)
    {
        var parent = AmqpTraceContext.Extract(message.Headers);
        var activity = Source.StartActivity($"{queue} process", ActivityKind.Consumer, parent.ActivityContext);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.operation.name", "process");
            activity.SetTag("messaging.destination.name", message.Exchange);
            activity.SetTag("messaging.consumer.group.name", queue);
            activity.SetTag("messaging.rabbitmq.destination.routing_key", message.RoutingKey);
            activity.SetTag("messaging.rabbitmq.message.delivery_tag", deliveryTag);
            activity.SetTag("messaging.message.id", message.MessageId);
            activity.SetTag("messaging.message.body.size", bodySize);
            activity.SetTag("trainingprogram.retry_attempt", message.FailedAttempts);
        }

        return activity;
    }
}
