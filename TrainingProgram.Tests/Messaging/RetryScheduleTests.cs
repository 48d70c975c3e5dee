using TrainingProgram.Messaging;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.Tests.Messaging;

public sealed class RetryScheduleTests
{
    private static readonly ConsumerTopology Topology = new("orders", [new QueueBinding("shop", "order.*")]);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 5)]
    [InlineData(4, 5)]
    [InlineData(5, 30)]
    [InlineData(9, 30)]
    [InlineData(100, 30)]
    public void A_failed_attempt_waits_in_the_tier_for_its_number(int failedAttempts, int seconds)
    {
        var tier = RetrySchedule.For(failedAttempts);

        Assert.Equal(TimeSpan.FromSeconds(seconds), tier.Delay);
        Assert.Equal($"orders.retry.{seconds}s", Topology.RetryQueueName(tier));
    }

    [Fact]
    public void There_is_no_tier_before_the_first_failure() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.For(0));

    [Fact]
    public void Every_delay_queue_expires_its_messages_back_into_the_main_queue()
    {
        foreach (var tier in RetrySchedule.Tiers)
        {
            var arguments = QueueTopology.RetryQueueArguments(Topology, tier);

            Assert.Equal((int)tier.Delay.TotalMilliseconds, arguments["x-message-ttl"]);
            Assert.Equal("", arguments["x-dead-letter-exchange"]);
            Assert.Equal("orders", arguments["x-dead-letter-routing-key"]);
        }
    }

    [Fact]
    public void The_main_queue_sets_its_delivery_limit_whatever_the_broker_version_defaults_to()
    {
        var arguments = QueueTopology.MainQueueArguments(Topology);

        Assert.Equal("quorum", arguments["x-queue-type"]);
        Assert.Equal(QueueTopology.DeliveryLimit, arguments["x-delivery-limit"]);
        Assert.Equal("orders", arguments["x-dead-letter-routing-key"]);
        Assert.Equal("orders.dead-letter", Topology.DeadLetterQueue);
    }

    [Fact]
    public void Integer_headers_are_read_whatever_integer_type_the_broker_returns()
    {
        Assert.Equal(0, MessageHeaders.ReadInt(null, MessageHeaders.RetryAttempt));
        Assert.Equal(0, MessageHeaders.ReadInt(new Dictionary<string, object?>(), MessageHeaders.RetryAttempt));
        Assert.Equal(3, MessageHeaders.ReadInt(new Dictionary<string, object?> { ["x-retry-attempt"] = 3 }, MessageHeaders.RetryAttempt));
        Assert.Equal(4, MessageHeaders.ReadInt(new Dictionary<string, object?> { ["x-retry-attempt"] = 4L }, MessageHeaders.RetryAttempt));
        Assert.Equal(5, MessageHeaders.ReadInt(new Dictionary<string, object?> { ["x-retry-attempt"] = "5"u8.ToArray() }, MessageHeaders.RetryAttempt));
        Assert.Equal(0, MessageHeaders.ReadInt(new Dictionary<string, object?> { ["x-retry-attempt"] = -2 }, MessageHeaders.RetryAttempt));
    }
}
