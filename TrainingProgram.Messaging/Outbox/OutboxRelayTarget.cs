namespace TrainingProgram.Messaging.Outbox;

/// <summary>The exchange a service's outbox publishes to.</summary>
public sealed record OutboxRelayTarget(string Exchange);
