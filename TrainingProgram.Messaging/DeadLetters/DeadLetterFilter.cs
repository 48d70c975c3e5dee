namespace TrainingProgram.Messaging.DeadLetters;

/// <summary>Which dead letters an operation applies to: one by id, all with a reason, or (both null) all.</summary>
public sealed record DeadLetterFilter(long? Id = null, string? Reason = null)
{
    public static DeadLetterFilter All { get; } = new();
}
