using TrainingProgram.Tests.Infrastructure;
using Xunit.Sdk;
using Xunit.v3;

// Three collections at once: the long-outage collection spends minutes waiting with its parts stopped, so it runs
// beside two others instead of taking one of two places for its whole length.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
[assembly: TestCollectionOrderer(typeof(CollectionOrder))]

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The three longest collections first, so that none of them is left running alone at the end: the long outages, the
/// faults, the shared topology; the others after them in xunit's own order.
/// </summary>
public sealed class CollectionOrder : ITestCollectionOrderer
{
    private static readonly string[] LongestFirst = [LongOutageTopology.Name, FaultTopology.Name, SharedTopology.Name];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. testCollections.OrderBy(collection => Array.IndexOf(LongestFirst, collection.TestCollectionDisplayName) is var rank and >= 0 ? rank : LongestFirst.Length)];
}
