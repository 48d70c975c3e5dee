namespace TrainingProgram.Benchmarks;

/// <summary>An SMTP server the Notification Service sends to, and how many messages it received.</summary>
public interface IMailServer
{
    /// <summary>As the report names it.</summary>
    string Name { get; }

    Uri Endpoint { get; }

    /// <summary>Messages received since the last <see cref="ClearAsync"/>; only this benchmark sends mail here.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    Task ClearAsync(CancellationToken cancellationToken);
}
