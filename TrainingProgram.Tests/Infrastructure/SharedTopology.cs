namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The test classes that leave the servers running share one started topology: starting one costs ~30-40 s of two
/// cores, and every test makes its own students, courses, events and addresses, so they cannot disturb each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedTopology : ICollectionFixture<TrainingProgramApp>
{
    public const string Name = "Shared topology";
}
