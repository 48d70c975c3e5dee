using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The topology for tests that stop and start servers and services, or inject faults into a database; they run one at
/// a time on it. A message is dead-lettered after <see cref="MaxAttempts"/> failed attempts, so that path is quick to reach.
/// </summary>
public sealed class FaultsApp : TrainingProgramApp
{
    public const int MaxAttempts = 3;

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        var notificationService = builder.Resources.OfType<ProjectResource>().Single(project => project.Name == NotificationService);
        builder.CreateResourceBuilder(notificationService)
            .WithEnvironment("Consumer__MaxAttempts", MaxAttempts.ToString(CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition(Name)]
public sealed class FaultTopology : ICollectionFixture<FaultsApp>
{
    public const string Name = "Faults";
}
