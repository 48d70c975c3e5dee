using System.Text;
using TrainingProgram.NotificationService.Messaging;

namespace TrainingProgram.UnitTests.Notifications;

public sealed class EnrollmentEventReaderTests
{
    // The example of docs/events.md, verbatim.
    private const string DocumentedEnrollmentCreated = """
        {
          "eventId": "0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c77",
          "eventType": "EnrollmentCreated",
          "eventVersion": 1,
          "occurredAt": "2026-11-27T18:30:00.123456+00:00",
          "enrollmentId": "0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c70",
          "studentId": "0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c10",
          "studentName": "Ada Lovelace",
          "studentEmail": "ada@example.edu",
          "courseId": "0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c20",
          "courseCode": "CS101",
          "courseTitle": "Introduction to Programming"
        }
        """;

    private static bool TryRead(string json, out EnrollmentEvent? enrollmentEvent, out EventRejection? rejection) =>
        EnrollmentEventReader.TryRead(Encoding.UTF8.GetBytes(json), out enrollmentEvent, out rejection);

    [Fact]
    public void The_documented_enrollment_created_event_is_read_field_by_field()
    {
        Assert.True(TryRead(DocumentedEnrollmentCreated, out var read, out _));

        var created = Assert.IsType<EnrollmentCreated>(read);
        Assert.Equal(Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c77"), created.EventId);
        Assert.Equal(1, created.EventVersion);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 18, 30, 0, TimeSpan.Zero).AddTicks(1234560), created.OccurredAt);
        Assert.Equal(Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c70"), created.EnrollmentId);
        Assert.Equal(Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c10"), created.StudentId);
        Assert.Equal("Ada Lovelace", created.StudentName);
        Assert.Equal("ada@example.edu", created.StudentEmail);
        Assert.Equal(Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c20"), created.CourseId);
        Assert.Equal("CS101", created.CourseCode);
        Assert.Equal("Introduction to Programming", created.CourseTitle);
    }

    [Fact]
    public void An_enrollment_cancelled_event_has_its_own_type()
    {
        Assert.True(TryRead(DocumentedEnrollmentCreated.Replace("\"EnrollmentCreated\"", "\"EnrollmentCancelled\"", StringComparison.Ordinal), out var read, out _));

        Assert.IsType<EnrollmentCancelled>(read);
    }

    [Fact]
    public void Fields_this_service_does_not_know_are_ignored() =>
        Assert.True(TryRead(DocumentedEnrollmentCreated.Replace("\"eventVersion\": 1,", "\"eventVersion\": 1, \"seatNumber\": 12, \"extra\": {\"a\": [1]},", StringComparison.Ordinal), out _, out _));

    [Theory]
    [InlineData("this is not JSON", EventRejection.Unreadable, "not valid UTF-8 JSON")]
    [InlineData("{\"eventId\": ", EventRejection.Unreadable, "not valid UTF-8 JSON")]
    [InlineData("[1, 2]", EventRejection.Unreadable, "not an object")]
    [InlineData("null", EventRejection.Unreadable, "not an object")]
    [InlineData("{\"eventVersion\": 1}", EventRejection.UnknownEventType, "no eventType")]
    [InlineData("{\"eventType\": \"StudentExpelled\", \"eventVersion\": 1}", EventRejection.UnknownEventType, "Unknown eventType 'StudentExpelled'")]
    [InlineData("{\"eventType\": \"EnrollmentCreated\"}", EventRejection.UnsupportedVersion, "no integer eventVersion")]
    [InlineData("{\"eventType\": \"EnrollmentCreated\", \"eventVersion\": 2}", EventRejection.UnsupportedVersion, "eventVersion 2 is not supported")]
    public void Messages_this_service_cannot_understand_are_rejected_with_a_reason(string json, string category, string reason)
    {
        Assert.False(TryRead(json, out var read, out var rejection));

        Assert.Null(read);
        Assert.Equal(category, rejection!.Category);
        Assert.Contains(reason, rejection.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_unreadable()
    {
        Assert.False(EnrollmentEventReader.TryRead(new byte[] { 0x7B, 0xFF, 0xFE, 0x7D }, out _, out var rejection));

        Assert.Equal(EventRejection.Unreadable, rejection.Category);
    }

    [Theory]
    [InlineData("\"studentEmail\": \"ada@example.edu\",", "", "studentEmail")]
    [InlineData("\"studentEmail\": \"ada@example.edu\"", "\"studentEmail\": null", "studentEmail")]
    [InlineData("\"studentEmail\": \"ada@example.edu\"", "\"studentEmail\": \"not an address\"", "not an email address")]
    [InlineData("\"eventId\": \"0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c77\"", "\"eventId\": \"00000000-0000-0000-0000-000000000000\"", "eventId is empty")]
    [InlineData("\"occurredAt\": \"2026-11-27T18:30:00.123456+00:00\"", "\"occurredAt\": \"yesterday\"", "occurredAt")]
    [InlineData("\"courseCode\": \"CS101\"", "\"courseCode\": \" \"", "must not be blank")]
    public void A_version_1_event_with_a_missing_or_malformed_field_is_invalid(string field, string replacement, string reason)
    {
        Assert.False(TryRead(DocumentedEnrollmentCreated.Replace(field, replacement, StringComparison.Ordinal), out _, out var rejection));

        Assert.Equal(EventRejection.Invalid, rejection!.Category);
        Assert.Contains(reason, rejection.Description, StringComparison.Ordinal);
    }
}
