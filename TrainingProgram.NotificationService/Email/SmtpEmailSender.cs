using System.Diagnostics;
using MimeKit;
using TrainingProgram.NotificationService.Telemetry;

namespace TrainingProgram.NotificationService.Email;

/// <summary>Sends through the pooled SMTP connections, in an "smtp send" client span.</summary>
internal sealed class SmtpEmailSender(SmtpClientPool pool) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var activity = NotificationTracing.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", pool.Endpoint.Host);
        activity?.SetTag("server.port", pool.Endpoint.Port);
        activity?.SetTag("network.protocol.name", "smtp");
        try
        {
            await pool.SendAsync(message, cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
    }
}
