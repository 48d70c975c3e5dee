using MimeKit;

namespace TrainingProgram.NotificationService.Email;

internal interface IEmailSender
{
    /// <summary>Returns once the SMTP server has accepted the message; throws if it did not.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
