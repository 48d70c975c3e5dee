using System.Globalization;
using System.Net;
using MimeKit;
using TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

namespace TrainingProgram.Benchmarks.WolverinePeer.Notifications;

/// <summary>
/// The confirmation email, as our Notification Service writes it: plain text and HTML, user data HTML-encoded, and a
/// Message-Id derived from the event id.
/// </summary>
public static class ConfirmationEmail
{
    public const string From = "TrainingProgram <no-reply@trainingprogram.example>";
    public const string MessageIdDomain = "trainingprogram.example";

    public static MimeMessage Compose(EnrollmentCreated enrollment)
    {
        var occurredAt = enrollment.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        var text = $"""
            Dear {enrollment.StudentName},

            You are enrolled.

            Course: {enrollment.CourseCode} {enrollment.CourseTitle}
            Date: {occurredAt}
            Reference: {enrollment.EnrollmentId}

            We look forward to seeing you in class.

            TrainingProgram
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>Dear {Encode(enrollment.StudentName)},</p>
            <p><strong>You are enrolled.</strong></p>
            <table>
            <tr><th align="left">Course</th><td>{Encode(enrollment.CourseCode)} {Encode(enrollment.CourseTitle)}</td></tr>
            <tr><th align="left">Date</th><td>{occurredAt}</td></tr>
            <tr><th align="left">Reference</th><td>{enrollment.EnrollmentId}</td></tr>
            </table>
            <p>We look forward to seeing you in class.</p>
            <p>TrainingProgram</p>
            </body></html>
            """;

        var message = new MimeMessage
        {
            MessageId = $"{enrollment.EventId:D}@{MessageIdDomain}",
            Subject = $"Enrollment confirmed: {enrollment.CourseCode} {enrollment.CourseTitle}",
            Date = DateTimeOffset.UtcNow,
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(From));
        message.To.Add(new MailboxAddress(enrollment.StudentName, enrollment.StudentEmail));
        return message;
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
