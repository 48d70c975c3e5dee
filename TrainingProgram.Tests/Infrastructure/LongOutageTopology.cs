using System.Globalization;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// A topology of its own for outages longer than any retry schedule: the test holds parts down for minutes, which
/// would stall every other test on a shared one. Its collection runs beside the others.
/// </summary>
public sealed class LongOutagesApp : TrainingProgramApp
{
    /// <summary>
    /// How long each part stays down: 5 minutes (longer than the 1+1+5+5+5x30 s retry schedule), or
    /// TEST_LONG_OUTAGE_SECONDS to try the scenario quickly while changing it.
    /// </summary>
    public static TimeSpan Outage =>
        int.TryParse(Environment.GetEnvironmentVariable("TEST_LONG_OUTAGE_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(5);
}

[CollectionDefinition(Name)]
public sealed class LongOutageTopology : ICollectionFixture<LongOutagesApp>
{
    public const string Name = "Long outages";
}
