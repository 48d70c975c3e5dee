namespace TrainingProgram.Tests.Infrastructure;

/// <summary>The topology for tests that stop and start servers and services; they run one at a time on it.</summary>
public sealed class FaultsApp : TrainingProgramApp;

[CollectionDefinition(Name)]
public sealed class FaultTopology : ICollectionFixture<FaultsApp>
{
    public const string Name = "Faults";
}
