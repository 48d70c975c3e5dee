using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Npgsql;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// Tells an outage of the SMTP server or of notificationdb (retried for as long as it lasts, using up no attempt) from
/// a failure that is the message's own (counted) or a refusal for good (dead-lettered at once).
/// </summary>
internal static class DependencyFailures
{
    public const string Smtp = "SMTP server";
    public const string Database = "notificationdb";

    /// <summary>The server refused the recipient for good: every retry would be refused too.</summary>
    public static bool IsPermanentRefusal(Exception ex) =>
        ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted, StatusCode: >= (SmtpStatusCode)500 };

    /// <summary>
    /// An SMTP failure that says nothing about the message: no connection, a timeout, a dropped or garbled session,
    /// or a 4xx ("try again later") reply that is not about the recipient. A 4xx on the recipient (a full mailbox,
    /// greylisting) is that message's own transient failure: counted, so that one recipient cannot hold every message.
    /// </summary>
    public static DependencyUnavailableException? AsSmtpOutage(Exception ex) => ex switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } => null,
        SmtpCommandException { StatusCode: < (SmtpStatusCode)500 } => new(Smtp, ex),
        SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or AuthenticationException
            or IOException or SocketException or TimeoutException or OperationCanceledException => new(Smtp, ex),
        _ => null,
    };

    /// <summary>
    /// A database failure that is not about the data: connection refused or lost, server shutting down, too many
    /// clients, a timeout. Data and constraint errors (SQLSTATE classes 22 and 23) are the message's own.
    /// </summary>
    public static DependencyUnavailableException? AsDatabaseOutage(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal)
                    ? null
                    : new(Database, ex);
            }

            if (current is NpgsqlException or TimeoutException or SocketException)
            {
                return new(Database, ex);
            }
        }

        return ex is Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException ? new(Database, ex) : null;
    }
}
