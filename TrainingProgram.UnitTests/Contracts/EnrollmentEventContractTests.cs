using System.Text;
using System.Text.Json;
using TrainingProgram.Messaging.Outbox;
using TrainingProgram.NotificationService.Messaging;
using ApiEvent = TrainingProgram.EnrollmentApi.Enrollments.EnrollmentEvent;
using ApiOfferEvent = TrainingProgram.EnrollmentApi.Waitlist.WaitlistOfferEvent;

namespace TrainingProgram.UnitTests.Contracts;

/// <summary>
/// The publisher's and the consumer's own event types agree on the JSON of docs/events.md: a rename on either side
/// fails here instead of silently dead-lettering every message.
/// </summary>
public sealed class EnrollmentEventContractTests
{
    /// <summary>The field names of contract v1, exactly as docs/events.md shows them.</summary>
    private static readonly string[] ContractFields =
    [
        "eventId", "eventType", "eventVersion", "occurredAt", "enrollmentId", "studentId", "studentNumber", "studentName",
        "studentEmail", "courseId", "courseCode", "courseTitle",
    ];

    private static ApiEvent Published(string type) => new(
        Guid.CreateVersion7(), type, ApiEvent.Version, new DateTimeOffset(2026, 11, 27, 18, 30, 0, 123, TimeSpan.Zero).AddTicks(4560),
        Guid.CreateVersion7(), Guid.CreateVersion7(), "S0001", "Ada Lovelace", "ada@example.edu", Guid.CreateVersion7(), "CS101", "Introduction to Programming");

    [Theory]
    [InlineData(ApiEvent.Created, "enrollment.created")]
    [InlineData(ApiEvent.Cancelled, "enrollment.cancelled")]
    public void What_the_api_writes_to_the_outbox_has_exactly_the_contract_fields_and_routing_key(string type, string routingKey)
    {
        var message = OutboxMessage.For(Published(type), cause: null, actor: "registrar");

        using var json = JsonDocument.Parse(message.Payload);
        Assert.Equal(ContractFields.Order(), json.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(routingKey, message.RoutingKey);
        Assert.Equal(type, message.EventType);
        Assert.Equal(1, json.RootElement.GetProperty("eventVersion").GetInt32());
    }

    [Theory]
    [InlineData(ApiEvent.Created, typeof(EnrollmentCreated))]
    [InlineData(ApiEvent.Cancelled, typeof(EnrollmentCancelled))]
    public void The_notification_service_reads_every_field_the_api_publishes(string type, Type expected)
    {
        var published = Published(type);
        var payload = OutboxMessage.For(published, cause: null, actor: "registrar").Payload;

        Assert.True(EnrollmentEventReader.TryRead(Encoding.UTF8.GetBytes(payload), out var read, out var rejection), rejection?.ToString());

        Assert.IsType(expected, read);
        var change = Assert.IsAssignableFrom<EnrollmentChange>(read);
        Assert.Equal(
            (published.EventId, published.EventType, published.EventVersion, published.OccurredAt, published.EnrollmentId, published.StudentId,
                published.StudentNumber, published.StudentName, published.StudentEmail, published.CourseId, published.CourseCode, published.CourseTitle),
            (change.EventId, change.EventType, change.EventVersion, change.OccurredAt, change.EnrollmentId, change.StudentId,
                change.StudentNumber, change.StudentName, change.StudentEmail, change.CourseId, change.CourseCode, change.CourseTitle));
    }

    /// <summary>The waitlist offer events' fields (docs/events.md): the student and course, the entry and its deadline.</summary>
    private static readonly string[] OfferContractFields =
    [
        "eventId", "eventType", "eventVersion", "occurredAt", "waitlistEntryId", "studentId", "studentNumber", "studentName",
        "studentEmail", "courseId", "courseCode", "courseTitle", "offerExpiresAt",
    ];

    private static ApiOfferEvent PublishedOffer(string type, string? reason) => new(
        Guid.CreateVersion7(), type, ApiOfferEvent.Version, new DateTimeOffset(2026, 11, 27, 18, 30, 0, 123, TimeSpan.Zero).AddTicks(4560),
        Guid.CreateVersion7(), Guid.CreateVersion7(), "S0001", "Ada Lovelace", "ada@example.edu", Guid.CreateVersion7(), "CS101", "Introduction to Programming",
        new DateTimeOffset(2026, 11, 28, 18, 30, 0, TimeSpan.Zero), reason);

    [Theory]
    [InlineData(ApiOfferEvent.Made, null, "enrollment.waitlist-offer-made")]
    [InlineData(ApiOfferEvent.Lapsed, "Expired", "enrollment.waitlist-offer-lapsed")]
    [InlineData(ApiOfferEvent.Lapsed, "Declined", "enrollment.waitlist-offer-lapsed")]
    public void What_the_api_writes_for_a_waitlist_offer_has_exactly_the_contract_fields_and_routing_key(string type, string? reason, string routingKey)
    {
        var message = OutboxMessage.For(PublishedOffer(type, reason), cause: null, actor: "registrar");

        using var json = JsonDocument.Parse(message.Payload);
        string[] expected = reason is null ? OfferContractFields : [.. OfferContractFields, "reason"];
        Assert.Equal(expected.Order(), json.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(routingKey, message.RoutingKey);
        Assert.Equal(type, message.EventType);
        Assert.Equal(1, json.RootElement.GetProperty("eventVersion").GetInt32());
    }

    [Theory]
    [InlineData(ApiOfferEvent.Made, null, typeof(WaitlistOfferMade))]
    [InlineData(ApiOfferEvent.Lapsed, "Expired", typeof(WaitlistOfferLapsed))]
    [InlineData(ApiOfferEvent.Lapsed, "Declined", typeof(WaitlistOfferLapsed))]
    public void The_notification_service_reads_every_field_of_a_waitlist_offer(string type, string? reason, Type expected)
    {
        var published = PublishedOffer(type, reason);
        var payload = OutboxMessage.For(published, cause: null, actor: "registrar").Payload;

        Assert.True(EnrollmentEventReader.TryRead(Encoding.UTF8.GetBytes(payload), out var read, out var rejection), rejection?.ToString());

        Assert.IsType(expected, read);
        var offer = Assert.IsAssignableFrom<WaitlistOfferChange>(read);
        Assert.Equal(
            (published.EventId, published.EventType, published.OccurredAt, published.WaitlistEntryId, published.StudentId, published.StudentNumber, published.StudentName,
                published.StudentEmail, published.CourseId, published.CourseCode, published.CourseTitle, published.OfferExpiresAt),
            (offer.EventId, offer.EventType, offer.OccurredAt, offer.WaitlistEntryId, offer.StudentId, offer.StudentNumber, offer.StudentName,
                offer.StudentEmail, offer.CourseId, offer.CourseCode, offer.CourseTitle, offer.OfferExpiresAt));
        Assert.Equal(reason, (read as WaitlistOfferLapsed)?.Reason);
        Assert.Equal(published.WaitlistEntryId, read.SubjectId);
    }

    [Fact]
    public void The_documented_waitlist_offer_example_is_what_the_api_writes_for_the_same_values()
    {
        var root = DocumentedExample("## WaitlistOfferMade").RootElement;

        var written = OutboxMessage.For(new ApiOfferEvent(
            root.GetProperty("eventId").GetGuid(), root.GetProperty("eventType").GetString()!, root.GetProperty("eventVersion").GetInt32(),
            root.GetProperty("occurredAt").GetDateTimeOffset(), root.GetProperty("waitlistEntryId").GetGuid(), root.GetProperty("studentId").GetGuid(),
            root.GetProperty("studentNumber").GetString()!, root.GetProperty("studentName").GetString()!, root.GetProperty("studentEmail").GetString()!, root.GetProperty("courseId").GetGuid(),
            root.GetProperty("courseCode").GetString()!, root.GetProperty("courseTitle").GetString()!,
            root.GetProperty("offerExpiresAt").GetDateTimeOffset(), Reason: null), cause: null, actor: "registrar").Payload;

        using var writtenDoc = JsonDocument.Parse(written);
        Assert.True(JsonElement.DeepEquals(root, writtenDoc.RootElement), $"documented:\n{root}\nwritten:\n{written}");
    }

    private static JsonDocument DocumentedExample(string heading)
    {
        var documented = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "events.md"));
        var section = documented[documented.IndexOf(heading, StringComparison.Ordinal)..];
        var example = section[(section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length)..];
        return JsonDocument.Parse(example[..example.IndexOf("```", StringComparison.Ordinal)]);
    }

    [Fact]
    public void The_documented_example_is_what_the_api_writes_for_the_same_values()
    {
        var documented = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "events.md"));
        var example = documented[documented.IndexOf("```json", StringComparison.Ordinal)..];
        example = example["```json".Length..example.IndexOf("```", 7, StringComparison.Ordinal)];
        using var doc = JsonDocument.Parse(example);
        var root = doc.RootElement;

        var written = OutboxMessage.For(new ApiEvent(
            root.GetProperty("eventId").GetGuid(), root.GetProperty("eventType").GetString()!, root.GetProperty("eventVersion").GetInt32(),
            root.GetProperty("occurredAt").GetDateTimeOffset(), root.GetProperty("enrollmentId").GetGuid(), root.GetProperty("studentId").GetGuid(),
            root.GetProperty("studentNumber").GetString()!, root.GetProperty("studentName").GetString()!, root.GetProperty("studentEmail").GetString()!, root.GetProperty("courseId").GetGuid(),
            root.GetProperty("courseCode").GetString()!, root.GetProperty("courseTitle").GetString()!), cause: null, actor: "registrar").Payload;

        using var writtenDoc = JsonDocument.Parse(written);
        Assert.True(JsonElement.DeepEquals(root, writtenDoc.RootElement), $"documented:\n{example}\nwritten:\n{written}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TrainingProgram.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("TrainingProgram.sln not found above the test output");
    }
}
