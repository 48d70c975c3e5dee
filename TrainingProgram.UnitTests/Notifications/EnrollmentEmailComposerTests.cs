using Microsoft.Extensions.Options;
using MimeKit;
using TrainingProgram.NotificationService.Email;
using TrainingProgram.NotificationService.Messaging;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.UnitTests.Notifications;

public sealed class EnrollmentEmailComposerTests
{
    private static readonly EnrollmentEmailComposer Composer = new(Options.Create(new NotificationOptions()), TimeProvider.System);

    private static EnrollmentCreated Created(string studentName = "Ada Lovelace", string courseTitle = "Introduction to Programming") => new()
    {
        EventId = Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c77"),
        EventType = "EnrollmentCreated",
        EventVersion = 1,
        OccurredAt = DateTimeOffset.Parse("2026-11-27T18:30:00.123456+00:00", System.Globalization.CultureInfo.InvariantCulture),
        EnrollmentId = Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c70"),
        StudentId = Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c10"),
        StudentName = studentName,
        StudentEmail = "ada@example.edu",
        CourseId = Guid.Parse("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c20"),
        CourseCode = "CS101",
        CourseTitle = courseTitle,
    };

    [Fact]
    public void A_confirmation_names_the_course_and_is_addressed_to_the_student()
    {
        using var email = Composer.Compose(Created());

        Assert.Equal("Enrollment confirmed: CS101 Introduction to Programming", email.Subject);
        Assert.Equal("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c77@trainingprogram.example", email.MessageId);
        var to = Assert.Single(email.To.Mailboxes);
        Assert.Equal(("Ada Lovelace", "ada@example.edu"), (to.Name, to.Address));
        var from = Assert.Single(email.From.Mailboxes);
        Assert.Equal(("TrainingProgram", "no-reply@trainingprogram.example"), (from.Name, from.Address));
    }

    [Fact]
    public void A_cancellation_says_so_in_the_subject()
    {
        var cancelled = new EnrollmentCancelled
        {
            EventId = Guid.NewGuid(), EventType = "EnrollmentCancelled", EventVersion = 1, OccurredAt = DateTimeOffset.UtcNow,
            EnrollmentId = Guid.NewGuid(), StudentId = Guid.NewGuid(), StudentName = "Ada", StudentEmail = "ada@example.edu",
            CourseId = Guid.NewGuid(), CourseCode = "CS101", CourseTitle = "Introduction to Programming",
        };

        using var email = Composer.Compose(cancelled);

        Assert.Equal("Enrollment cancelled: CS101 Introduction to Programming", email.Subject);
        Assert.Contains("cancelled", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_body_has_plain_text_and_html_alternatives()
    {
        using var email = Composer.Compose(Created());

        var alternative = Assert.IsType<MultipartAlternative>(email.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.Contains("CS101 Introduction to Programming", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c70", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Student_and_course_data_is_html_encoded_in_the_html_part_only()
    {
        using var email = Composer.Compose(Created(studentName: "<script>alert(1)</script>", courseTitle: "Pointers & \"References\""));

        Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Pointers &amp; &quot;References&quot;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear <script>alert(1)</script>,", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_date_header_is_the_time_of_writing()
    {
        var now = new FixedTime(DateTimeOffset.Parse("2026-11-27T19:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var email = new EnrollmentEmailComposer(Options.Create(new NotificationOptions()), now).Compose(Created());

        Assert.Equal(now.GetUtcNow(), email.Date);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
