using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The topology for tests that stop and start servers and services, or inject faults into a database; they run one at
/// a time on it. Its settings make the slow paths quick to reach: a message is dead-lettered after
/// <see cref="MaxAttempts"/> failed attempts, and the outbox gives up on an unroutable event after <see cref="UnroutableGiveUpAfter"/>.
/// </summary>
public sealed class FaultsApp : TrainingProgramApp
{
    public const int MaxAttempts = 3;
    public static readonly TimeSpan UnroutableGiveUpAfter = TimeSpan.FromSeconds(3);

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            if (project.Name == NotificationService)
            {
                builder.CreateResourceBuilder(project)
                    .WithEnvironment("Consumer__MaxAttempts", MaxAttempts.ToString(CultureInfo.InvariantCulture));
            }
            else if (project.Name == EnrollmentApi)
            {
                builder.CreateResourceBuilder(project)
                    .WithEnvironment("Outbox__UnroutableGiveUpAfter", UnroutableGiveUpAfter.ToString("c", CultureInfo.InvariantCulture));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultTopology : ICollectionFixture<FaultsApp>
{
    public const string Name = "Faults";
}
