namespace TrainingProgram.Testing;

/// <summary>
/// The deadlines of every wait the kit makes, so that a broken build fails in minutes instead of hanging. Each
/// wait also ends when the test is cancelled.
/// </summary>
public sealed record TopologyTimeouts
{
    /// <summary>The defaults: generous for a 2-core machine that starts the whole topology.</summary>
    public static TopologyTimeouts Default { get; } = new();

    /// <summary>Building the app model (the AppHost's Program.cs).</summary>
    public TimeSpan Build { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Starting every resource and waiting until each is healthy.</summary>
    public TimeSpan Start { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Stopping the topology at the end.</summary>
    public TimeSpan Stop { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A resource reaching a state after a stop or start command.</summary>
    public TimeSpan ResourceState { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>An outcome of the system: an email, a notification record, a drained queue; also each HTTP request.</summary>
    public TimeSpan Outcome { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long nothing more may arrive after the expected emails did, for "exactly N": a duplicate sent a moment
    /// later fails the wait instead of passing it.
    /// </summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
