using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrainingProgram.Messaging.Topology;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>Dead letters an operator can see, replay (from the endpoint and from the dashboard command) and discard.</summary>
[Collection(DeliveryFaultTopology.Name)]
public sealed class DeadLetterTests(DeliveryFaultsApp topology) : IAsyncLifetime
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => new(topology.RestoreAllAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_message_that_keeps_failing_is_listed_with_its_attempts_and_each_replay_sends_its_email_once()
    {
        await using var faults = await NotificationDatabaseFaults.ConnectAsync(topology);
        var prefix = $"dead-{Guid.NewGuid():N}";
        await faults.FailClaimsForAsync(prefix);
        var first = TestEnrollmentEvent.Created() with { StudentEmail = $"{prefix}-first@example.edu" };
        var second = TestEnrollmentEvent.Created() with { StudentEmail = $"{prefix}-second@example.edu" };
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishAsync(first);
            await publisher.PublishAsync(second);
        }

        var letters = await Eventually.Until(ct => DeadLetterRecord.ListAsync(topology, ct, reason: "attempts_exhausted"),
            list => new[] { first, second }.All(e => list.Any(letter => letter.MessageId == e.EventId.ToString())),
            "both messages to run out of attempts");
        var firstLetter = letters.Single(letter => letter.MessageId == first.EventId.ToString());
        Assert.Equal((FaultsApp.MaxAttempts, "EnrollmentCreated", first.EnrollmentId, 0, "enrollment.created"),
            (firstLetter.Attempts, firstLetter.EventType, firstLetter.EnrollmentId, firstLetter.Replays, firstLetter.RoutingKey));
        Assert.Contains("injected fault", firstLetter.Description, StringComparison.Ordinal);
        Assert.Empty(await topology.Inbox.ToAsync(first.StudentEmail, Cancellation));

        await faults.LiftAsync();

        using var http = topology.CreateRegistrarClient(ResourceNames.NotificationService);
        using (var replayed = await http.PostAsync($"/dead-letters/{firstLetter.Id}/replay", content: null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
            Assert.Equal(1, (await replayed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("count").GetInt32());
        }

        await topology.Notifications.WaitForAsync(first.EnrollmentId, "EnrollmentCreated", "Sent");
        Assert.Single(await topology.Inbox.WaitForExactlyAsync([first.StudentEmail], 1));
        Assert.Contains(await DeadLetterRecord.ListAsync(topology, Cancellation), letter => letter.MessageId == second.EventId.ToString());

        var command = await topology.App.ResourceCommands.ExecuteCommandAsync(
            ResourceNames.NotificationService, "replay-dead-letters", Cancellation);

        Assert.True(command.Success, command.Message);
        Assert.Matches(@"^Replayed [1-9]\d* dead letter\(s\)\.$", command.Message);
        await topology.Notifications.WaitForAsync(second.EnrollmentId, "EnrollmentCreated", "Sent");
        Assert.Single(await topology.Inbox.WaitForExactlyAsync([second.StudentEmail], 1));
        Assert.Single(await topology.Inbox.ToAsync(first.StudentEmail, Cancellation));
        Assert.DoesNotContain(await DeadLetterRecord.ListAsync(topology, Cancellation),
            letter => letter.MessageId == first.EventId.ToString() || letter.MessageId == second.EventId.ToString());
    }

    /// <summary>
    /// The ingester consumes the dead-letter queue on a channel of its own. When the broker closes that channel alone
    /// (as it does for a consumer_timeout; the connection and the queue consumer stay up), the connection's recovery
    /// does nothing, so the ingester must consume again by itself, or what the broker dead-letters from then on stays
    /// in that queue, unseen.
    /// </summary>
    [Fact]
    public async Task The_dead_letter_queue_is_consumed_again_after_the_broker_closes_its_channel_alone()
    {
        var deadLetterQueue = DeadLetterTopology.QueueFor(BrokerQueues.Notifications);
        await Eventually.Until(ct => topology.Queues.ConsumersAsync(deadLetterQueue, ct), consumers => consumers == 1, "the ingester to consume");

        Assert.Equal(1, await BrokerFaults.CloseConsumerChannelsAsync(topology, deadLetterQueue));
        await Eventually.Until(ct => topology.Queues.ConsumersAsync(deadLetterQueue, ct), consumers => consumers == 0, "the channel to be closed");
        Assert.Equal(1u, await topology.Queues.ConsumersAsync(BrokerQueues.Notifications, Cancellation));

        var lost = TestEnrollmentEvent.Created();
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishDeadLetteredAsync(deadLetterQueue, lost);
        }

        var letter = (await Eventually.Until(ct => DeadLetterRecord.ListAsync(topology, ct, reason: "delivery_limit"),
            list => list.Any(l => l.MessageId == lost.EventId.ToString()), "the broker's dead letter to be stored", TimeSpan.FromSeconds(30)))
            .Single(l => l.MessageId == lost.EventId.ToString());
        Assert.Equal((lost.EnrollmentId, "enrollment.created"), (letter.EnrollmentId, letter.RoutingKey));
        Assert.Equal(1u, await topology.Queues.ConsumersAsync(deadLetterQueue, Cancellation));
        Assert.Equal(0u, await topology.Queues.ReadyMessagesAsync(deadLetterQueue, Cancellation));
    }

    /// <summary>
    /// A deleted queue (an operator's mistake in the management UI) cancels its consumer; the ingester declares its
    /// queue again and consumes it, or whatever the broker dead-letters from then on would be routed nowhere.
    /// </summary>
    [Fact]
    public async Task A_deleted_dead_letter_queue_is_declared_and_consumed_again()
    {
        var deadLetterQueue = DeadLetterTopology.QueueFor(BrokerQueues.Notifications);
        await Eventually.Until(ct => topology.Queues.ConsumersAsync(deadLetterQueue, ct), consumers => consumers == 1, "the ingester to consume");

        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.Channel.QueueDeleteAsync(deadLetterQueue, ifUnused: false, ifEmpty: false, cancellationToken: Cancellation);
        }

        await Eventually.Until(ct => ConsumersOrNoneAsync(deadLetterQueue, ct), consumers => consumers == 1,
            "the queue to be declared and consumed again", TimeSpan.FromSeconds(30));
        var lost = TestEnrollmentEvent.Created();
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishDeadLetteredAsync(deadLetterQueue, lost);
        }

        await Eventually.Until(ct => DeadLetterRecord.ListAsync(topology, ct, reason: "delivery_limit"),
            list => list.Any(l => l.MessageId == lost.EventId.ToString()), "the broker's dead letter to be stored", TimeSpan.FromSeconds(30));
    }

    private async Task<uint> ConsumersOrNoneAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            return await topology.Queues.ConsumersAsync(queue, cancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // not declared yet
        }
    }

    [Fact]
    public async Task Replaying_a_message_whose_email_was_sent_meanwhile_sends_nothing_twice()
    {
        await using var faults = await NotificationDatabaseFaults.ConnectAsync(topology);
        var prefix = $"twice-{Guid.NewGuid():N}";
        await faults.FailClaimsForAsync(prefix);
        var enrollment = TestEnrollmentEvent.Created() with { StudentEmail = $"{prefix}@example.edu" };
        await using var publisher = await EnrollmentEventPublisher.ConnectAsync(topology);
        await publisher.PublishAsync(enrollment);
        var letter = (await Eventually.Until(ct => DeadLetterRecord.ListAsync(topology, ct),
            list => list.Any(l => l.MessageId == enrollment.EventId.ToString()), "the message in the dead letters"))
            .Single(l => l.MessageId == enrollment.EventId.ToString());
        await faults.LiftAsync();

        // The publisher sends the same event again (an outbox re-publish) and it goes out normally ...
        await publisher.PublishAsync(enrollment);
        await topology.Notifications.WaitForAsync(enrollment.EnrollmentId, "EnrollmentCreated", "Sent");

        // ... so the replay of the dead letter finds it sent.
        using var http = topology.CreateRegistrarClient(ResourceNames.NotificationService);
        using var replayed = await http.PostAsync($"/dead-letters/{letter.Id}/replay", content: null, Cancellation);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        await Eventually.Until(ct => ServiceLog.ContainsAsync(topology, $"Event {enrollment.EventId} was already notified", ct),
            found => found, "the replayed copy to be recognised as a duplicate");
        Assert.Single(await topology.Inbox.WaitForExactlyAsync([enrollment.StudentEmail], 1));
    }

    [Fact]
    public async Task Discarding_by_reason_removes_those_dead_letters_only_and_an_unknown_one_is_404()
    {
        var poisonId = Guid.NewGuid().ToString();
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishRawAsync("enrollment.created", "{ not json", poisonId, "EnrollmentCreated");
        }

        await Eventually.Until(ct => DeadLetterRecord.ListAsync(topology, ct, reason: "unreadable"),
            list => list.Any(letter => letter.MessageId == poisonId), "the unreadable message in the dead letters");
        using var http = topology.CreateRegistrarClient(ResourceNames.NotificationService);

        using (var discarded = await http.DeleteAsync("/dead-letters?reason=unreadable", Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
            Assert.True((await discarded.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("count").GetInt32() >= 1);
        }

        Assert.Empty(await DeadLetterRecord.ListAsync(topology, Cancellation, reason: "unreadable"));
        using var missing = await http.PostAsync("/dead-letters/999999999/replay", content: null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var zero = await http.PostAsync("/dead-letters/0/replay", content: null, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, zero.StatusCode);
        using var badReason = await http.GetAsync("/dead-letters?reason=%27%3B%20drop", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.Equal("application/problem+json", badReason.Content.Headers.ContentType?.MediaType);
        using var badLimit = await http.GetAsync("/dead-letters?limit=0", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Replaying_while_the_broker_is_down_is_a_503_problem_and_keeps_the_dead_letters()
    {
        var poisonId = Guid.NewGuid().ToString();
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishRawAsync("enrollment.created", "[]", poisonId, "EnrollmentCreated");
        }

        var letter = (await Eventually.Until(ct => DeadLetterRecord.ListAsync(topology, ct),
            list => list.Any(l => l.MessageId == poisonId), "the message in the dead letters")).Single(l => l.MessageId == poisonId);
        using var http = topology.CreateRegistrarClient(ResourceNames.NotificationService);
        await topology.StopResourceAsync(ResourceNames.Messaging);

        using (var refused = await http.PostAsync($"/dead-letters/{letter.Id}/replay", content: null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith("/broker-unavailable", (await refused.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        await topology.StartResourceAsync(ResourceNames.Messaging);
        Assert.Contains(await DeadLetterRecord.ListAsync(topology, Cancellation), l => l.Id == letter.Id);
    }

    [Fact]
    public async Task Only_registrars_see_replay_or_discard_dead_letters()
    {
        using var anonymous = topology.CreateAnonymousClient(ResourceNames.NotificationService);
        using var student = topology.CreateClient(ResourceNames.NotificationService, await topology.Identity.GetStudentTokenAsync("S1001"));

        foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Unauthorized), (student, HttpStatusCode.Forbidden) })
        {
            using var list = await client.GetAsync("/dead-letters", Cancellation);
            using var replay = await client.PostAsync("/dead-letters/replay", content: null, Cancellation);
            using var discard = await client.DeleteAsync("/dead-letters", Cancellation);
            Assert.Equal([expected, expected, expected], new[] { list.StatusCode, replay.StatusCode, discard.StatusCode });
        }
    }
}
