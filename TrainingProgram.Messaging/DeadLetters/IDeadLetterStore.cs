namespace TrainingProgram.Messaging.DeadLetters;

/// <summary>What operators (and the consumer) do with dead letters; see <see cref="DeadLetterStore{TContext}"/>.</summary>
public interface IDeadLetterStore
{
    Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    Task<List<DeadLetter>> ListAsync(DeadLetterFilter filter, int limit, CancellationToken cancellationToken);

    Task<int> CountAsync(DeadLetterFilter filter, CancellationToken cancellationToken);

    Task<int> ReplayAsync(DeadLetterFilter filter, CancellationToken cancellationToken);

    Task<int> DiscardAsync(DeadLetterFilter filter, CancellationToken cancellationToken);
}
