using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using TrainingProgram.NotificationService.Messaging;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.Email;

/// <summary>
/// Writes the email for an enrollment or waitlist offer event: plain text and HTML alternatives, user data HTML-encoded, and a
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
            WaitlistOfferMade offer => ($"A seat is held for you until {Format(offer.OfferExpiresAt)}: {course}",
                $"A seat has freed up and is held for you until {Format(offer.OfferExpiresAt)}.",
                $"To take it, sign in and accept offer {offer.WaitlistEntryId} (POST /waitlist/{offer.WaitlistEntryId}/accept) before then. " +
                "If you do not, the seat passes to the next student in line; declining it does so at once."),
            WaitlistOfferLapsed { Reason: WaitlistOfferLapsed.Declined } => ($"Seat offer declined: {course}",
                "You declined the seat that was held for you.",
                "It has passed to the next student in line. You may join the waitlist again if it has room."),
            WaitlistOfferLapsed lapsed => ($"Seat offer expired: {course}",
                $"The seat held for you was not claimed by {Format(lapsed.OfferExpiresAt)}.",
                "It has passed to the next student in line. You may join the waitlist again if it has room."),
            _ => ($"Enrollment confirmed: {course}", "You are enrolled.", "We look forward to seeing you in class."),
        };
        var occurredAt = Format(enrollmentEvent.OccurredAt);

        var text = $"""
            Dear {enrollmentEvent.StudentName},

            {headline}

            Course: {enrollmentEvent.CourseCode} {enrollmentEvent.CourseTitle}
            Date: {occurredAt}
            Reference: {enrollmentEvent.SubjectId}

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
            <tr><th align="left">Reference</th><td>{enrollmentEvent.SubjectId}</td></tr>
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

    private static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
