using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>Outages of the SMTP server and the broker: nothing is lost, nothing is sent twice.</summary>
[Collection(DeliveryFaultTopology.Name)]
public sealed class NotificationFaultTests(DeliveryFaultsApp topology) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(topology.RestoreAllAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public Task Events_that_arrive_while_the_smtp_server_is_down_are_held_without_using_attempts_and_each_sent_once_when_it_returns() =>
        AssertHeldThroughMailOutageAsync();

    [Fact]
    public async Task While_the_smtp_server_is_down_a_student_sees_their_email_pending_and_only_a_registrar_sees_why()
    {
        var student = await topology.CreateStudentAsync();
        var enrollment = TestEnrollmentEvent.Created() with { StudentNumber = student.StudentNumber, StudentEmail = student.Email };
        await topology.StopResourceAsync(ResourceNames.Mail);
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishAsync(enrollment);
        }

        var record = Assert.Single(await Eventually.Until(ct => topology.Notifications.ForEnrollmentAsync(enrollment.EnrollmentId, ct),
            records => records is [{ LastError: not null }], "the outage to be recorded"));
        using var asStudent = await topology.SignInAsync(student, ResourceNames.NotificationService);
        var seen = Assert.Single((await asStudent.GetFromJsonAsync<JsonElement[]>($"/notifications?enrollmentId={enrollment.EnrollmentId}", Cancellation))!);

        Assert.Equal(("Pending", JsonValueKind.Null), (seen.GetProperty("status").GetString(), seen.GetProperty("lastError").ValueKind));
        Assert.Equal("Pending", record.Status);
        await topology.StartResourceAsync(ResourceNames.Mail);
        await topology.Inbox.WaitForExactlyOneAsync(student.Email);
    }

    /// <summary>
    /// The connection's recovery reopens the consumer's channel as the same object: deliveries of its new life must not
    /// be taken for the old one's (which let go of what they held), or a later outage would leave them unacked for good.
    /// </summary>
    [Fact]
    public async Task Events_are_held_and_sent_once_through_a_mail_outage_that_follows_a_broker_restart()
    {
        using var http = topology.CreateRegistrarClient(ResourceNames.NotificationService);
        await topology.StopResourceAsync(ResourceNames.Messaging);
        await topology.StartResourceAsync(ResourceNames.Messaging);
        await Eventually.Until(ct => StatusOfAsync(http, "/health", ct), status => status == HttpStatusCode.OK,
            "/health to report the broker back");

        await AssertHeldThroughMailOutageAsync();
    }

    /// <summary>
    /// More deliveries held for the mail server than there are handlers, when the broker goes: those still queued for
    /// the handlers as the channel closes are the broker's again and must not be handled, or each would meet its own
    /// redelivery (a duplicate the claim has to catch), and the consumer's shutdown, queued behind them, could end the
    /// recovered consumer so that a second one is opened.
    /// </summary>
    [Fact]
    public async Task A_broker_restart_while_deliveries_wait_for_the_mail_server_leaves_one_consumer_and_handles_each_event_once()
    {
        const string Duplicate = "another delivery of event", AlreadyNotified = "was already notified";
        var duplicatesBefore = await ServiceLog.CountAsync(topology, Duplicate, Cancellation) + await ServiceLog.CountAsync(topology, AlreadyNotified, Cancellation);
        await topology.StopResourceAsync(ResourceNames.Mail);
        var enrollments = Enumerable.Range(0, 40).Select(_ => TestEnrollmentEvent.Created()).ToArray();
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            foreach (var enrollment in enrollments)
            {
                await publisher.PublishAsync(enrollment);
            }
        }

        // All 40 within the prefetch (64): 16 at the handlers, held at the outage gate, the rest queued behind them.
        await Eventually.Until(
            async ct => await Task.WhenAll(enrollments.Select(enrollment => topology.Notifications.ForEnrollmentAsync(enrollment.EnrollmentId, ct))),
            records => records.Any(record => record is [{ LastError: not null }]), "the outage to be recorded");
        await Eventually.Until(ct => topology.Queues.ReadyMessagesAsync(BrokerQueues.Notifications, ct), ready => ready == 0,
            "every event to be delivered to the service");
        await topology.StopResourceAsync(ResourceNames.Messaging);
        await topology.StartResourceAsync(ResourceNames.Messaging);
        await topology.StartResourceAsync(ResourceNames.Mail);

        var inbox = topology.Inbox;
        await inbox.WaitForExactlyAsync([.. enrollments.Select(e => e.StudentEmail)], enrollments.Length, TimeSpan.FromSeconds(120));
        await Eventually.Throughout(ct => topology.Queues.ConsumersAsync(BrokerQueues.Notifications, ct), consumers => consumers == 1,
            "one consumer on the queue (the service checks every 5 s whether to open another)", TimeSpan.FromSeconds(12));
        var emails = await inbox.ToAsync(enrollments.Select(e => e.StudentEmail), Cancellation);
        Assert.All(enrollments, enrollment => Assert.Single(emails, email => email.To.Contains(enrollment.StudentEmail)));
        var duplicates = await ServiceLog.CountAsync(topology, Duplicate, Cancellation) + await ServiceLog.CountAsync(topology, AlreadyNotified, Cancellation);
        Assert.Equal(duplicatesBefore, duplicates);
    }

    private async Task AssertHeldThroughMailOutageAsync()
    {
        await topology.StopResourceAsync(ResourceNames.Mail);
        TestEnrollmentEvent[] enrollments = [TestEnrollmentEvent.Created(), TestEnrollmentEvent.Created(), TestEnrollmentEvent.Created()];
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            foreach (var enrollment in enrollments)
            {
                await publisher.PublishAsync(enrollment);
            }
        }

        // The first delivery meets the outage and records it; the others wait behind the paused consumer. An outage
        // is not the message's fault: no attempt is counted.
        var held = await Eventually.Until(
            async ct => await Task.WhenAll(enrollments.Select(enrollment => topology.Notifications.ForEnrollmentAsync(enrollment.EnrollmentId, ct))),
            records => records.Any(record => record is [{ LastError: not null }]), "the outage to be recorded");
        Assert.All(held.SelectMany(records => records), record => Assert.Equal(("Pending", 0), (record.Status, record.Attempts)));

        await topology.StartResourceAsync(ResourceNames.Mail);

        // A restarted smtp4dev starts with an empty inbox, so everything counted here arrived after the outage.
        var inbox = topology.Inbox;
        foreach (var enrollment in enrollments)
        {
            var record = Assert.Single(await Eventually.Until(ct => topology.Notifications.ForEnrollmentAsync(enrollment.EnrollmentId, ct),
                records => records is [{ Status: "Sent" }], "the notification to be sent after the outage", TimeSpan.FromSeconds(120)));
            Assert.Equal(1, record.Attempts);
            // smtp4dev lists a message shortly after its SMTP "250 OK", which is when the row became Sent.
            await inbox.WaitForExactlyOneAsync(enrollment.StudentEmail);
        }
    }

    [Fact]
    public async Task The_consumer_comes_back_after_a_broker_restart()
    {
        using var http = topology.CreateRegistrarClient(ResourceNames.NotificationService);

        await topology.StopResourceAsync(ResourceNames.Messaging);
        await Eventually.Until(ct => StatusOfAsync(http, "/health", ct), status => status == HttpStatusCode.ServiceUnavailable,
            "/health to report the broker outage");
        await topology.StartResourceAsync(ResourceNames.Messaging);

        var enrollment = TestEnrollmentEvent.Created();
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishAsync(enrollment);
        }

        var inbox = topology.Inbox;
        await inbox.WaitForExactlyOneAsync(enrollment.StudentEmail);
        await Eventually.Until(ct => StatusOfAsync(http, "/health", ct), status => status == HttpStatusCode.OK, "/health to recover");
        // The recovered channel consumes; the service opened no second one while the recovery ran.
        Assert.Equal(1u, await topology.Queues.ConsumersAsync(BrokerQueues.Notifications, Cancellation));
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return response.StatusCode;
    }
}
