using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TrainingProgram.Messaging;
using TrainingProgram.Messaging.Consuming;
using TrainingProgram.Messaging.DeadLetters;

namespace TrainingProgram.UnitTests.Messaging;

public sealed class ReceivedMessageTests
{
    [Fact]
    public void A_retried_delivery_is_read_with_where_it_first_came_from_and_its_failed_attempts()
    {
        var properties = new BasicProperties
        {
            MessageId = "m-1",
            Type = "OrderPlaced",
            Headers = new Dictionary<string, object?>
            {
                [MessageHeaders.RetryAttempt] = 2L,
                [MessageHeaders.OriginalExchange] = "shop"u8.ToArray(),
                [MessageHeaders.OriginalRoutingKey] = "order.placed"u8.ToArray(),
            },
        };
        var body = Encoding.UTF8.GetBytes("{}");
        var delivery = new BasicDeliverEventArgs("tag", 7, redelivered: false, exchange: "", routingKey: "orders", properties, body);

        var message = ReceivedMessage.From(delivery);

        Assert.Equal(("m-1", "OrderPlaced", "shop", "order.placed", 2), (message.MessageId, message.Type, message.Exchange, message.RoutingKey, message.FailedAttempts));
        Assert.Equal("{}", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void A_dead_letter_keeps_the_headers_a_replay_needs_and_drops_the_retry_and_broker_bookkeeping()
    {
        var headers = new Dictionary<string, object?>
        {
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray(),
            [MessageHeaders.EventVersion] = 1,
            [MessageHeaders.ActingSubject] = "S1001",
            [MessageHeaders.RetryAttempt] = 9,
            [MessageHeaders.Replays] = 1,
            [MessageHeaders.OriginalExchange] = "shop",
            ["x-death"] = new List<object?> { new Dictionary<string, object?>() },
            ["x-first-death-reason"] = "delivery_limit"u8.ToArray(),
            ["x-delivery-count"] = 20L,
        };

        var kept = DeadLetterSink.HeadersAsText(headers);

        Assert.Equal(new Dictionary<string, string>
        {
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            [MessageHeaders.EventVersion] = "1",
            [MessageHeaders.ActingSubject] = "S1001",
        }, kept);
    }

    [Fact]
    public void A_message_the_broker_dead_lettered_is_read_with_the_exchange_and_routing_key_it_was_published_with()
    {
        var properties = new BasicProperties
        {
            MessageId = "m-2",
            Headers = new Dictionary<string, object?>
            {
                ["x-first-death-exchange"] = "shop"u8.ToArray(),
                ["x-first-death-reason"] = "delivery_limit"u8.ToArray(),
                ["x-death"] = new List<object?>
                {
                    new Dictionary<string, object?>
                    {
                        ["queue"] = "orders"u8.ToArray(),
                        ["reason"] = "delivery_limit"u8.ToArray(),
                        ["routing-keys"] = new List<object?> { "order.placed"u8.ToArray() },
                    },
                },
            },
        };
        var delivery = new BasicDeliverEventArgs("tag", 1, redelivered: false, exchange: "trainingprogram.dead-letter", routingKey: "orders", properties, "{}"u8.ToArray());

        var message = DeadLetterQueueIngester.OriginalOf(delivery);

        Assert.Equal(("shop", "order.placed", 0), (message.Exchange, message.RoutingKey, message.FailedAttempts));
    }

    [Theory]
    [InlineData(1795914659L, true)]
    [InlineData(1795914659234L, false)] // milliseconds, as some publishers write it
    [InlineData(-5L, false)]
    public void A_dead_letter_keeps_an_amqp_timestamp_only_when_it_is_a_time_in_seconds(long unixTime, bool kept)
    {
        var properties = new BasicProperties { Timestamp = new AmqpTimestamp(unixTime) };

        Assert.Equal(kept, DeadLetterSink.TimestampOf(properties) is not null);
    }

    [Fact]
    public void A_dead_letter_id_starts_at_1() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadLetterFilter(Id: 0));
}
