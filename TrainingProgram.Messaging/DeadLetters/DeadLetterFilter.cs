namespace TrainingProgram.Messaging.DeadLetters;

/// <summary>Which dead letters an operation applies to: one by id, all with a reason, or (both null) all.</summary>
public sealed record DeadLetterFilter
{
    public DeadLetterFilter(long? Id = null, string? Reason = null)
    {
        if (Id is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Id), Id, "Dead-letter ids start at 1.");
        }

        this.Id = Id;
        this.Reason = Reason;
    }

    public long? Id { get; }

    public string? Reason { get; }

    public static DeadLetterFilter All { get; } = new();
}
