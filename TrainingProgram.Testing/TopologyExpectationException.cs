namespace TrainingProgram.Testing;

/// <summary>
/// An outcome the topology did not produce in time, or a different one: the message says what was expected, what
/// was seen last, and the last lines each resource logged. Any test framework reports it as a failure.
/// </summary>
public sealed class TopologyExpectationException : Exception
{
    /// <summary>A failure with its explanation.</summary>
    public TopologyExpectationException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with its explanation and the error seen last.</summary>
    public TopologyExpectationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An unexplained failure; prefer the other constructors.</summary>
    public TopologyExpectationException()
    {
    }
}
