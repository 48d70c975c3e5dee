namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// A delay queue: messages wait there for <see cref="Delay"/> (a queue-level TTL, so every message in it expires in
/// order and none blocks another) and then flow back to the main queue.
/// </summary>
public sealed record RetryTier(string Name, TimeSpan Delay);
