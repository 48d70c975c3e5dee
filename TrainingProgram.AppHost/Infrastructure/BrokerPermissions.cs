namespace TrainingProgram.AppHost.Infrastructure;

/// <summary>
/// What a RabbitMQ user may do on the default virtual host: three regular expressions over exchange and queue names
/// (RabbitMQ's access control: configure to declare, write to publish and bind a queue, read to consume and bind
/// from an exchange). The names are those of TrainingProgram.Messaging's topology (docs/messaging.md).
/// </summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read)
{
    /// <summary>The Enrollment API's relay: declares the enrollments exchange and publishes to it, and reads nothing.</summary>
    public static BrokerPermissions EnrollmentEventsPublisher { get; } = new(
        Configure: @"^trainingprogram\.enrollments$",
        Write: @"^trainingprogram\.enrollments$",
        Read: "^$");

    /// <summary>
    /// The Notification Service: declares its queues (main, retry tiers, dead-letter) and the exchanges they hang
    /// off, binds its queue to the enrollments exchange, consumes, and publishes through the default exchange
    /// (retries, replays) and the dead-letter exchange. It cannot publish enrollment events.
    /// </summary>
    public static BrokerPermissions EnrollmentEventsConsumer { get; } = new(
        Configure: @"^(trainingprogram\.enrollments|trainingprogram\.dead-letter|notification-service\..+)$",
        Write: @"^(amq\.default|trainingprogram\.dead-letter|notification-service\..+)$",
        Read: @"^(trainingprogram\.enrollments|trainingprogram\.dead-letter|notification-service\..+)$");
}
