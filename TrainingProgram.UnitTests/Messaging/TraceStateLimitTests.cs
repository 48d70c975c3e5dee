using TrainingProgram.Messaging.Tracing;

namespace TrainingProgram.UnitTests.Messaging;

public sealed class TraceStateLimitTests
{
    private static string Entry(string vendor, int valueLength) => $"{vendor}={new string('v', valueLength)}";

    [Fact]
    public void A_tracestate_that_fits_is_kept_as_it_is()
    {
        var state = string.Join(',', Entry("a", 200), Entry("b", 200));

        Assert.Equal(state, TraceStateLimit.Apply(state));
        Assert.Null(TraceStateLimit.Apply(null));
    }

    [Fact]
    public void Entries_longer_than_128_characters_are_dropped_first()
    {
        var state = string.Join(',', Entry("a", 10), Entry("long", 300), Entry("b", 10), Entry("c", 250));

        Assert.Equal(string.Join(',', Entry("a", 10), Entry("b", 10)), TraceStateLimit.Apply(state));
    }

    [Fact]
    public void Then_entries_are_dropped_from_the_end_until_it_fits()
    {
        var entries = Enumerable.Range(0, 32).Select(i => Entry($"v{i:00}", 100)).ToArray();

        var limited = TraceStateLimit.Apply(string.Join(',', entries));

        Assert.NotNull(limited);
        Assert.True(limited.Length <= TraceStateLimit.MaxLength);
        Assert.Equal(entries[..4], limited.Split(','));
    }

    [Fact]
    public void Four_vendor_entries_of_200_characters_fit_the_outbox_without_failing()
    {
        var state = string.Join(',', Enumerable.Range(0, 4).Select(i => Entry($"vendor{i}", 193)));
        Assert.True(state.Length > TraceStateLimit.MaxLength);

        Assert.Null(TraceStateLimit.Apply(state));
    }
}
