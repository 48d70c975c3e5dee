using TrainingProgram.NotificationService.Messaging;

namespace TrainingProgram.Tests.Notifications;

public sealed class RetryScheduleTests
{
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
        Assert.Equal($"notification-service.enrollments.retry.{seconds}s", tier.QueueName);
    }

    [Fact]
    public void There_is_no_tier_before_the_first_failure() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.For(0));

    [Fact]
    public void Every_delay_queue_expires_its_messages_back_into_the_main_queue()
    {
        foreach (var tier in RetrySchedule.Tiers)
        {
            var arguments = NotificationTopology.RetryQueueArguments(tier);

            Assert.Equal((int)tier.Delay.TotalMilliseconds, arguments["x-message-ttl"]);
            Assert.Equal("", arguments["x-dead-letter-exchange"]);
            Assert.Equal(NotificationTopology.Queue, arguments["x-dead-letter-routing-key"]);
        }
    }

    [Fact]
    public void Retry_attempt_headers_are_read_whatever_integer_type_the_broker_returns()
    {
        Assert.Equal(0, MessageHeaders.ReadRetryAttempt(null));
        Assert.Equal(0, MessageHeaders.ReadRetryAttempt(new Dictionary<string, object?>()));
        Assert.Equal(3, MessageHeaders.ReadRetryAttempt(new Dictionary<string, object?> { ["x-retry-attempt"] = 3 }));
        Assert.Equal(4, MessageHeaders.ReadRetryAttempt(new Dictionary<string, object?> { ["x-retry-attempt"] = 4L }));
        Assert.Equal(5, MessageHeaders.ReadRetryAttempt(new Dictionary<string, object?> { ["x-retry-attempt"] = "5"u8.ToArray() }));
        Assert.Equal(0, MessageHeaders.ReadRetryAttempt(new Dictionary<string, object?> { ["x-retry-attempt"] = -2 }));
    }
}
