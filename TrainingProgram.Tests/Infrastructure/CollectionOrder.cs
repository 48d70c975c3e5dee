using TrainingProgram.Tests.Infrastructure;
using TrainingProgram.Tests.Pipeline;
using Xunit.Sdk;
using Xunit.v3;

// Four collections at once on two cores: the fault, outage and expiry collections spend much of their time waiting
// with parts stopped, so they run beside the others; more at once only makes every topology start slower (a start is
// ~50 s of CPU: the services' JIT, the servers, the orchestrator).
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
[assembly: TestCollectionOrderer(typeof(CollectionOrder))]

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The longest collections first, so that none of them is left running alone at the end: scale-out (the slowest start,
/// six service processes, and a minute's wait for a token to expire, which the others' work fills), both fault
/// topologies, the long outages, the isolated topology; the others (each class on the shared topology is one) after
/// them in xunit's own order.
/// </summary>
public sealed class CollectionOrder : ITestCollectionOrderer
{
    private static readonly string[] LongestFirst = [ScaleOutTopology.Name, DeliveryFaultTopology.Name, FaultTopology.Name, LongOutageTopology.Name, IsolatedTopology.Name];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. testCollections.OrderBy(collection => Array.IndexOf(LongestFirst, collection.TestCollectionDisplayName) is var rank and >= 0 ? rank : LongestFirst.Length)];
}
