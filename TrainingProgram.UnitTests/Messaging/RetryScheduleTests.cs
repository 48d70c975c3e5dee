using TrainingProgram.Messaging;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.UnitTests.Messaging;

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
        var tier = RetrySchedule.Default.For(failedAttempts);

        Assert.Equal(TimeSpan.FromSeconds(seconds), tier.Delay);
        Assert.Equal($"orders.retry.{seconds}s", Topology.RetryQueueName(tier));
    }

    [Fact]
    public void There_is_no_tier_before_the_first_failure() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.Default.For(0));

    [Fact]
    public void The_default_schedule_uses_the_one_five_and_thirty_second_queues_for_every_purpose()
    {
        var schedule = RetrySchedule.Default;

        Assert.Equal(["1s", "5s", "30s"], schedule.Tiers.Select(tier => tier.Name));
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Later.Delay);
        Assert.Equal(TimeSpan.FromSeconds(30), schedule.Park.Delay);
        Assert.Equal(TimeSpan.FromSeconds(1 + 1 + 5 + 5 + (5 * 30)), schedule.TotalDelay(10));
    }

    [Fact]
    public void A_configured_schedule_has_one_queue_per_distinct_delay_named_after_it()
    {
        var schedule = RetrySchedule.From(new ConsumerOptions
        {
            RetryDelays = "00:00:00.250, 00:00:00.250, 00:00:02",
            RetryLaterDelay = TimeSpan.FromSeconds(2),
            ParkDelay = TimeSpan.FromSeconds(3),
        });

        Assert.Equal(["250ms", "2s", "3s"], schedule.Tiers.Select(tier => tier.Name));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.For(3).Delay);
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.For(50).Delay);
        Assert.Equal("orders.retry.250ms", Topology.RetryQueueName(schedule.For(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(250 + 250 + 2000), schedule.TotalDelay(4));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1 second")]
    [InlineData("00:00:00.050")]
    [InlineData("00:00:01.0005")]
    [InlineData("02:00:00")]
    public void A_schedule_that_is_not_a_list_of_whole_milliseconds_within_bounds_fails_validation(string delays)
    {
        var options = new ConsumerOptions { RetryDelays = delays };

        var results = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options));

        Assert.Contains(results, result => result.MemberNames.Contains(nameof(ConsumerOptions.RetryDelays)));
    }

    [Fact]
    public void Every_delay_queue_expires_its_messages_back_into_the_main_queue()
    {
        foreach (var tier in RetrySchedule.Default.Tiers)
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
