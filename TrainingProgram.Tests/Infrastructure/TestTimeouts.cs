namespace TrainingProgram.Tests.Infrastructure;

/// <summary>The kit's default deadlines, for the waits the tests make themselves.</summary>
public static class TestTimeouts
{
    public static TimeSpan Build => TopologyTimeouts.Default.Build;

    public static TimeSpan Start => TopologyTimeouts.Default.Start;

    public static TimeSpan Stop => TopologyTimeouts.Default.Stop;

    public static TimeSpan ResourceState => TopologyTimeouts.Default.ResourceState;

    public static TimeSpan Outcome => TopologyTimeouts.Default.Outcome;
}
