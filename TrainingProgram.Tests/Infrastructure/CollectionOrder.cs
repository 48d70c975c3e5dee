using TrainingProgram.Tests.Infrastructure;
using Xunit.Sdk;
using Xunit.v3;

// Three collections at once: the long-outage collection spends minutes waiting with its parts stopped, so it runs
// beside two others instead of taking one of two places for its whole length. It starts first, so that it is not
// the last collection left running.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
[assembly: TestCollectionOrderer(typeof(CollectionOrder))]

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>The long-outage collection first; the others in xunit's own order.</summary>
public sealed class CollectionOrder : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. testCollections.OrderBy(collection => collection.TestCollectionDisplayName == LongOutageTopology.Name ? 0 : 1)];
}
