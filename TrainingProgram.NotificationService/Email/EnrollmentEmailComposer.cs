using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using TrainingProgram.NotificationService.Messaging;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.Email;

/// <summary>
/// Writes the email for an enrollment event: plain text and HTML alternatives, user data HTML-encoded, and a
/// Message-Id derived from the event id so a duplicate that the at-least-once window lets through is recognisable.
/// </summary>
internal sealed class EnrollmentEmailComposer(IOptions<NotificationOptions> options, TimeProvider time)
{
    public MimeMessage Compose(EnrollmentEvent enrollmentEvent)
    {
        var settings = options.Value;
        var course = $"{enrollmentEvent.CourseCode} {enrollmentEvent.CourseTitle}";
        var (subject, headline, detail) = enrollmentEvent switch
        {
            EnrollmentCancelled => ($"Enrollment cancelled: {course}", "Your enrollment has been cancelled.",
                "If you did not ask for this, please contact the registrar."),
            _ => ($"Enrollment confirmed: {course}", "You are enrolled.", "We look forward to seeing you in class."),
        };
        var occurredAt = enrollmentEvent.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        var text = $"""
            Dear {enrollmentEvent.StudentName},

            {headline}

            Course: {enrollmentEvent.CourseCode} {enrollmentEvent.CourseTitle}
            Date: {occurredAt}
            Reference: {enrollmentEvent.EnrollmentId}

            {detail}

            TrainingProgram
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>Dear {Encode(enrollmentEvent.StudentName)},</p>
            <p><strong>{Encode(headline)}</strong></p>
            <table>
            <tr><th align="left">Course</th><td>{Encode(enrollmentEvent.CourseCode)} {Encode(enrollmentEvent.CourseTitle)}</td></tr>
            <tr><th align="left">Date</th><td>{Encode(occurredAt)}</td></tr>
            <tr><th align="left">Reference</th><td>{enrollmentEvent.EnrollmentId}</td></tr>
            </table>
            <p>{Encode(detail)}</p>
            <p>TrainingProgram</p>
            </body></html>
            """;

        var message = new MimeMessage
        {
            MessageId = MessageIdFor(enrollmentEvent.EventId, settings.MessageIdDomain),
            Subject = subject,
            Date = time.GetUtcNow(),
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(enrollmentEvent.StudentName, enrollmentEvent.StudentEmail));
        return message;
    }

    /// <summary>The id part of the Message-Id header (MimeKit adds the angle brackets).</summary>
    public static string MessageIdFor(Guid eventId, string domain) => $"{eventId:D}@{domain}";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
