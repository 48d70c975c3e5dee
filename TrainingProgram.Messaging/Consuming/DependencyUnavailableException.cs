namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// Something the handler needs (the SMTP server, the database) is not answering. Not the message's fault: it does not
/// use up an attempt; the consumer holds it and pauses until the dependency is back.
/// </summary>
public sealed class DependencyUnavailableException(string dependency, Exception innerException)
    : Exception($"{dependency} is unavailable: {innerException.Message}", innerException)
{
    public string Dependency { get; } = dependency;
}
