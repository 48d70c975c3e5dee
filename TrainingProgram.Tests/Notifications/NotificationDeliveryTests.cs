using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>Enrollment events in, emails out, against the real broker, database and SMTP server.</summary>
public sealed class NotificationDeliveryTests(TrainingProgramApp topology) : IAsyncLifetime
{
    private EnrollmentEventPublisher _publisher = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _publisher = await EnrollmentEventPublisher.ConnectAsync(topology);
    }

    [Fact]
    public async Task An_enrollment_created_event_sends_one_confirmation_email_and_records_it_as_sent()
    {
        var enrollment = TestEnrollmentEvent.Created(studentName: "Ada <b>Lovelace</b> & Co");

        await _publisher.PublishAsync(enrollment);

        var received = await topology.Inbox.WaitForExactlyOneAsync(enrollment.StudentEmail);
        var email = await topology.Inbox.LoadAsync(received.Id, Cancellation);
        Assert.Equal("Enrollment confirmed: CS101 Introduction to Programming", email.Subject);
        Assert.Equal($"{enrollment.EventId}@trainingprogram.example", email.MessageId);
        var to = Assert.Single(email.To.Mailboxes);
        Assert.Equal(enrollment.StudentEmail, to.Address);
        Assert.Equal(enrollment.StudentName, to.Name);
        Assert.Equal("no-reply@trainingprogram.example", Assert.Single(email.From.Mailboxes).Address);
        Assert.IsType<MultipartAlternative>(email.Body);
        Assert.Contains("Dear Ada <b>Lovelace</b> & Co,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Ada &lt;b&gt;Lovelace&lt;/b&gt; &amp; Co,", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Lovelace", email.HtmlBody, StringComparison.Ordinal);

        var record = Assert.Single(await Eventually.Until(
            ct => topology.Notifications.ForEnrollmentAsync(enrollment.EnrollmentId, ct),
            records => records is [{ Status: "Sent" }], "the notification to be recorded as Sent"));
        Assert.Equal(enrollment.EventId, record.EventId);
        Assert.Equal("EnrollmentCreated", record.Kind);
        Assert.Equal(enrollment.StudentEmail, record.Recipient);
        Assert.Equal(email.Subject, record.Subject);
        Assert.Equal(1, record.Attempts);
        Assert.Null(record.LastError);
        Assert.NotNull(record.SentAt);
    }

    [Fact]
    public async Task The_same_event_published_twice_sends_one_email()
    {
        var enrollment = TestEnrollmentEvent.Created();

        await _publisher.PublishAsync(enrollment);
        await _publisher.PublishAsync(enrollment);

        await Eventually.Until(ct => topology.Notifications.ForEnrollmentAsync(enrollment.EnrollmentId, ct),
            records => records is [{ Status: "Sent" }], "the notification to be recorded as Sent");
        // The second copy may first wait in a delay queue while the first is being sent; the service says when it drops it.
        await Eventually.Until(ct => ServiceLog.ContainsAsync(topology, $"Event {enrollment.EventId} was already notified", ct),
            found => found, "the second copy to be recognised as a duplicate");
        Assert.Single(await topology.Inbox.WaitForExactlyAsync([enrollment.StudentEmail], 1));
        Assert.Single(await topology.Notifications.ForEnrollmentAsync(enrollment.EnrollmentId, Cancellation));
    }

    [Fact]
    public async Task An_enrollment_cancelled_event_sends_a_cancellation_email()
    {
        var cancellation = TestEnrollmentEvent.Created(courseCode: "MA201", courseTitle: "Linear Algebra").Cancelled();

        await _publisher.PublishAsync(cancellation);

        var received = await topology.Inbox.WaitForExactlyOneAsync(cancellation.StudentEmail);
        var email = await topology.Inbox.LoadAsync(received.Id, Cancellation);
        Assert.Equal("Enrollment cancelled: MA201 Linear Algebra", email.Subject);
        Assert.Equal($"{cancellation.EventId}@trainingprogram.example", email.MessageId);
        Assert.Contains("cancelled", email.TextBody, StringComparison.Ordinal);
        var record = Assert.Single(await Eventually.Until(
            ct => topology.Notifications.ForEnrollmentAsync(cancellation.EnrollmentId, ct),
            records => records is [{ Status: "Sent" }], "the cancellation to be recorded as Sent"));
        Assert.Equal("EnrollmentCancelled", record.Kind);
    }

    [Fact]
    public async Task Unreadable_and_unknown_version_messages_are_dead_lettered_with_a_reason_without_blocking_the_messages_behind_them()
    {
        var notJsonId = Guid.NewGuid().ToString();
        var futureVersion = TestEnrollmentEvent.Created() with { EventVersion = 2 };
        var valid = TestEnrollmentEvent.Created();

        await _publisher.PublishRawAsync("enrollment.created", "this is not JSON", notJsonId, "EnrollmentCreated");
        await _publisher.PublishAsync(futureVersion);
        await _publisher.PublishAsync(valid);

        await topology.Inbox.WaitForExactlyOneAsync(valid.StudentEmail);
        var letters = await Eventually.Until(ct => DeadLetterRecord.ListAsync(topology, ct),
            letters => letters.Any(letter => letter.MessageId == notJsonId) && letters.Any(letter => letter.MessageId == futureVersion.EventId.ToString()),
            "both poison messages in the dead letters");

        var notJson = letters.Single(letter => letter.MessageId == notJsonId);
        Assert.Equal("unreadable", notJson.Reason);
        Assert.Contains("not valid UTF-8 JSON", notJson.Description, StringComparison.Ordinal);
        Assert.Equal("EnrollmentCreated", notJson.EventType);
        Assert.Equal("this is not JSON", notJson.Body);
        Assert.Equal("enrollment.created", notJson.RoutingKey);
        Assert.Null(notJson.EnrollmentId);
        Assert.Equal(0, notJson.Attempts);
        Assert.NotEqual(default, notJson.DeadLetteredAt);

        var unsupported = letters.Single(letter => letter.MessageId == futureVersion.EventId.ToString());
        Assert.Equal("unsupported_version", unsupported.Reason);
        Assert.Contains("eventVersion 2 is not supported", unsupported.Description, StringComparison.Ordinal);
        Assert.Empty(await topology.Inbox.ToAsync(futureVersion.StudentEmail, Cancellation));
        Assert.Empty(await topology.Notifications.ForEnrollmentAsync(futureVersion.EnrollmentId, Cancellation));
    }

    [Fact]
    public async Task The_same_unreadable_message_delivered_twice_is_one_dead_letter()
    {
        var messageId = Guid.NewGuid().ToString();

        await _publisher.PublishRawAsync("enrollment.created", "{ not json", messageId, "EnrollmentCreated");
        await _publisher.PublishRawAsync("enrollment.created", "{ not json", messageId, "EnrollmentCreated");

        await Eventually.Until(ct => CopiesAsync(ct), copies => copies > 0, "the message in the dead letters");
        await topology.Queues.WaitForDrainedAsync();
        await Eventually.Throughout(ct => CopiesAsync(ct), copies => copies == 1, "one dead letter for the message", TimeSpan.FromSeconds(3));

        async Task<int> CopiesAsync(CancellationToken ct) =>
            (await DeadLetterRecord.ListAsync(topology, ct, reason: "unreadable")).Count(letter => letter.MessageId == messageId);
    }

    /// <summary>An offer email handled after its claim deadline (held through an outage, a backlog) would offer a seat no longer held.</summary>
    [Fact]
    public async Task An_offer_handled_after_its_deadline_is_not_sent_and_its_lapse_is_the_one_email()
    {
        var entryId = Guid.CreateVersion7();
        var address = $"late-offer-{Guid.NewGuid():N}@example.edu";
        var deadline = DateTimeOffset.UtcNow.AddMinutes(-1);
        string Offer(string type, Guid eventId) => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["eventId"] = eventId, ["eventType"] = type, ["eventVersion"] = 1, ["occurredAt"] = deadline.AddDays(-1),
            ["waitlistEntryId"] = entryId, ["studentId"] = Guid.CreateVersion7(), ["studentNumber"] = "LATE-1", ["studentName"] = "Ada Lovelace",
            ["studentEmail"] = address, ["courseId"] = Guid.CreateVersion7(), ["courseCode"] = "CS101", ["courseTitle"] = "Introduction to Programming",
            ["offerExpiresAt"] = deadline, ["reason"] = type == "WaitlistOfferLapsed" ? "Expired" : null,
        });
        var (offerId, lapseId) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        await _publisher.PublishRawAsync("enrollment.waitlist-offer-made", Offer("WaitlistOfferMade", offerId), offerId.ToString(), "WaitlistOfferMade");

        var offer = await topology.Notifications.WaitForWaitlistEntryAsync(entryId, "WaitlistOfferMade", "Superseded");
        Assert.Equal(0, offer.Attempts);
        await topology.Inbox.WaitForExactlyAsync(address, 0);

        await _publisher.PublishRawAsync("enrollment.waitlist-offer-lapsed", Offer("WaitlistOfferLapsed", lapseId), lapseId.ToString(), "WaitlistOfferLapsed");

        var email = await topology.Inbox.WaitForExactlyOneAsync(address);
        Assert.Equal("Seat offer expired: CS101 Introduction to Programming", email.Subject);
    }

    [Fact]
    public async Task A_cancellation_that_overtakes_its_confirmation_is_the_only_email_and_the_confirmation_is_recorded_as_superseded()
    {
        var confirmation = TestEnrollmentEvent.Created(courseCode: "PH110", courseTitle: "Mechanics");
        var cancellation = confirmation.Cancelled();

        await _publisher.PublishAsync(cancellation);
        await topology.Notifications.WaitForAsync(cancellation.EnrollmentId, "EnrollmentCancelled", "Sent");
        await _publisher.PublishAsync(confirmation);

        var superseded = await topology.Notifications.WaitForAsync(confirmation.EnrollmentId, "EnrollmentCreated", "Superseded");
        Assert.Equal(confirmation.EventId, superseded.EventId);
        Assert.Null(superseded.SentAt);
        var email = Assert.Single(await topology.Inbox.WaitForExactlyAsync([confirmation.StudentEmail], 1));
        Assert.Equal("Enrollment cancelled: PH110 Mechanics", (await topology.Inbox.LoadAsync(email.Id, Cancellation)).Subject);
    }

    /// <summary>
    /// Claims and Sent records are written in batches across the deliveries handled at once: a batch then holds events
    /// of many enrollments, and several of one. Each enrollment's emails are still decided once and in order.
    /// </summary>
    [Fact]
    public async Task Confirmations_cancellations_and_duplicates_of_many_enrollments_arriving_together_send_each_email_once_and_never_a_cancellation_first()
    {
        var confirmations = Enumerable.Range(0, 30).Select(_ => TestEnrollmentEvent.Created()).ToList();
        foreach (var confirmation in confirmations)
        {
            await _publisher.PublishAsync(confirmation);
            await _publisher.PublishAsync(confirmation.Cancelled());
            await _publisher.PublishAsync(confirmation);
        }

        var expectedEmails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var confirmation in confirmations)
        {
            var records = await Eventually.Until(
                ct => topology.Notifications.ForEnrollmentAsync(confirmation.EnrollmentId, ct),
                found => found.Length == 2 && found.All(n => n.Status is "Sent" or "Superseded"),
                $"both notifications of enrollment {confirmation.EnrollmentId} settled");
            var cancelled = Assert.Single(records, n => n.Kind == "EnrollmentCancelled");
            var created = Assert.Single(records, n => n.Kind == "EnrollmentCreated");
            Assert.Equal("Sent", cancelled.Status);
            Assert.Equal(1, cancelled.Attempts);
            if (created.Status == "Sent")
            {
                Assert.True(created.SentAt <= cancelled.SentAt, $"enrollment {confirmation.EnrollmentId}: the cancellation went out before the confirmation");
            }

            expectedEmails[confirmation.StudentEmail] = created.Status == "Sent" ? 2 : 1;
        }

        // A duplicate would show as one email more to someone: the kit's exact count waits a quiet period after the last.
        var mail = await topology.Inbox.WaitForExactlyAsync(expectedEmails.Keys, expectedEmails.Values.Sum());
        Assert.All(expectedEmails, e => Assert.Equal(e.Value, mail.Count(m => m.To.Contains(e.Key, StringComparer.OrdinalIgnoreCase))));
    }

    [Theory]
    [InlineData("/notifications", "enrollmentId", "Give exactly one of the enrollmentId and waitlistEntryId query parameters.")]
    [InlineData("/notifications?enrollmentId=not-a-guid", "enrollmentId", "The enrollmentId must be a GUID.")]
    [InlineData("/notifications?waitlistEntryId=not-a-guid", "waitlistEntryId", "The waitlistEntryId must be a GUID.")]
    [InlineData("/notifications?enrollmentId=0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c70&waitlistEntryId=0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c70", "enrollmentId",
        "Give exactly one of the enrollmentId and waitlistEntryId query parameters.")]
    public async Task Listing_notifications_without_one_valid_id_is_a_validation_problem(string path, string field, string message)
    {
        using var http = topology.CreateRegistrarClient(ResourceNames.NotificationService);

        using var response = await http.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(("https://trainingprogram.example/problems/validation", "/notifications"),
            (problem.GetProperty("type").GetString(), problem.GetProperty("instance").GetString()));
    }

    [Fact]
    public async Task An_enrollment_without_notifications_lists_none()
    {
        Assert.Empty(await topology.Notifications.ForEnrollmentAsync(Guid.NewGuid(), Cancellation));
    }

    public async ValueTask DisposeAsync()
    {
        await _publisher.DisposeAsync();
    }
}
