using System.Globalization;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// A topology of its own for outages longer than the whole retry schedule: the test holds parts down for longer than
/// every wait the Notification Service would make (holding, parking, each retry, probing), which would stall every
/// other test on a shared one. That schedule is shortened here to seconds (<see cref="Consumer"/>), so that the outage
/// needs to last one minute instead of six: the claim is the same, "an outage longer than the whole schedule loses
/// nothing". The expiry of waitlist offers runs here too (offers held for <see cref="ClaimPeriod"/> instead of a day;
/// those tests stop the API), one test at a time, with the API's clock <see cref="ApiClockBehind"/> behind the
/// database's (libfaketime), as on a replica whose machine keeps poor time: deadlines must not depend on it.
/// </summary>
public sealed class LongOutagesApp : TrainingProgramApp
{
    /// <summary>The Notification Service's consumer settings on this topology.</summary>
    public static readonly ConsumerOptions Consumer = new()
    {
        RetryDelays = "00:00:00.500, 00:00:01, 00:00:02",
        RetryLaterDelay = TimeSpan.FromSeconds(1),
        ParkDelay = TimeSpan.FromSeconds(2),
        LongestHold = TimeSpan.FromSeconds(15),
        OutageProbeMaxInterval = TimeSpan.FromSeconds(2),
    };

    /// <summary>Long enough that ten cancellations and a read of the line fit in it on a starved machine.</summary>
    public static readonly TimeSpan ClaimPeriod = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Every wait a message could make before it would be given up on: held for the longest hold, then every retry
    /// delay up to the last attempt, plus one probe interval.
    /// </summary>
    public static TimeSpan WholeRetrySchedule =>
        Consumer.LongestHold + RetrySchedule.From(Consumer).TotalDelay(Consumer.MaxAttempts) + Consumer.OutageProbeMaxInterval;

    /// <summary>
    /// How long each part stays down: twice <see cref="WholeRetrySchedule"/> (about a minute), or
    /// TEST_LONG_OUTAGE_SECONDS to try the scenario quickly while changing it.
    /// </summary>
    public static TimeSpan Outage =>
        int.TryParse(Environment.GetEnvironmentVariable("TEST_LONG_OUTAGE_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : WholeRetrySchedule * 2;

    /// <summary>
    /// How far the API's wall clock is behind: more than <see cref="ClaimPeriod"/>, so that an offer deadline taken
    /// from it would have passed on the database's clock when made, and less than the 30 s that token validation
    /// allows for clock differences.
    /// </summary>
    public static readonly TimeSpan ApiClockBehind = TimeSpan.FromSeconds(20);

    protected override void Configure(IDistributedApplicationTestingBuilder builder) => builder
        .WithSetting(ResourceNames.EnrollmentApi, "LD_PRELOAD", FakeTime.Library)
        .WithSetting(ResourceNames.EnrollmentApi, "FAKETIME", $"-{ApiClockBehind.TotalSeconds:0}")
        .WithSetting(ResourceNames.EnrollmentApi, "FAKETIME_DONT_FAKE_MONOTONIC", "1")
        // The API itself, not the `dotnet run` that starts it: MSBuild's node handshake fails on a shifted clock.
        .WithSetting(ResourceNames.EnrollmentApi, "FAKETIME_ONLY_CMDS", "TrainingProgram.EnrollmentApi")
        .WithSetting(ResourceNames.NotificationService, "Consumer__RetryDelays", Consumer.RetryDelays)
        .WithSetting(ResourceNames.NotificationService, "Consumer__RetryLaterDelay", Consumer.RetryLaterDelay)
        .WithSetting(ResourceNames.NotificationService, "Consumer__ParkDelay", Consumer.ParkDelay)
        .WithSetting(ResourceNames.NotificationService, "Consumer__LongestHold", Consumer.LongestHold)
        .WithSetting(ResourceNames.NotificationService, "Consumer__OutageProbeMaxInterval", Consumer.OutageProbeMaxInterval)
        .WithSetting(ResourceNames.EnrollmentApi, "Waitlist__ClaimPeriod", ClaimPeriod);
}

[CollectionDefinition(Name)]
public sealed class LongOutageTopology : ICollectionFixture<LongOutagesApp>
{
    public const string Name = "Long outages";
}
