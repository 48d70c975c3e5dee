namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The topology for tests that stop and start servers and services, or inject faults into a database; they run one at
/// a time on it. There are two alike (<see cref="FaultTopology"/>: servers and services restarted;
/// <see cref="DeliveryFaultTopology"/>: delivery through outages, dead letters), so that the two halves of these
/// mostly waiting tests run side by side. A message is dead-lettered after <see cref="MaxAttempts"/> failed attempts, so that path is quick to
/// reach, and the waits that only decide how soon the system notices a recovery are short: retries after 0.5 s and
/// 1 s, probes of a dependency that is down at most 2 s apart, the broker connection retried every second.
/// </summary>
public class FaultsApp : TrainingProgramApp
{
    public const int MaxAttempts = 3;

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        builder
            .WithSetting(ResourceNames.NotificationService, "Consumer__MaxAttempts", MaxAttempts)
            .WithSetting(ResourceNames.NotificationService, "Consumer__RetryDelays", "00:00:00.500, 00:00:01")
            .WithSetting(ResourceNames.NotificationService, "Consumer__RetryLaterDelay", TimeSpan.FromSeconds(1))
            .WithSetting(ResourceNames.NotificationService, "Consumer__OutageProbeMaxInterval", TimeSpan.FromSeconds(2));
        foreach (var service in new[] { ResourceNames.EnrollmentApi, ResourceNames.NotificationService })
        {
            builder.WithSetting(service, "Aspire__RabbitMQ__Client__ConnectionFactory__NetworkRecoveryInterval", TimeSpan.FromSeconds(1));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultTopology : ICollectionFixture<FaultsApp>
{
    public const string Name = "Faults";
}

/// <summary>The second topology of fault tests (<see cref="FaultsApp"/>).</summary>
public sealed class DeliveryFaultsApp : FaultsApp;

[CollectionDefinition(Name)]
public sealed class DeliveryFaultTopology : ICollectionFixture<DeliveryFaultsApp>
{
    public const string Name = "Delivery faults";
}
