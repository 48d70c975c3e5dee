namespace TrainingProgram.Tests.Infrastructure;

/// <summary>Every wait in the suite has one of these deadlines, so a broken build fails instead of hanging.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Build = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Start = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Stop = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ResourceState = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan Outcome = TimeSpan.FromSeconds(60);
}
