using System.Net.Sockets;
using MailKit.Net.Smtp;
using Npgsql;
using TrainingProgram.NotificationService.Messaging;

namespace TrainingProgram.UnitTests.Notifications;

public sealed class DependencyFailuresTests
{
    public static TheoryData<Exception> SmtpOutages => new()
    {
        new SocketException((int)SocketError.ConnectionRefused),
        new IOException("connection reset"),
        new TimeoutException(),
        new SmtpProtocolException("garbled reply"),
        new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.MailboxBusy, "try again later"),
    };

    [Theory]
    [MemberData(nameof(SmtpOutages))]
    public void An_smtp_failure_that_says_nothing_about_the_message_is_an_outage(Exception failure)
    {
        Assert.Equal(DependencyFailures.Smtp, DependencyFailures.AsSmtpOutage(failure)?.Dependency);
        Assert.False(DependencyFailures.IsPermanentRefusal(failure));
    }

    [Fact]
    public void A_recipient_refused_with_5xx_is_a_permanent_failure_not_an_outage()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "no such user");

        Assert.True(DependencyFailures.IsPermanentRefusal(refused));
        Assert.Null(DependencyFailures.AsSmtpOutage(refused));
    }

    [Fact]
    public void A_recipient_refused_for_now_is_the_message_s_own_failure_so_one_full_mailbox_cannot_hold_every_message()
    {
        var full = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.InsufficientStorage, "mailbox full");

        Assert.Null(DependencyFailures.AsSmtpOutage(full));
        Assert.False(DependencyFailures.IsPermanentRefusal(full));
    }

    [Theory]
    [InlineData("57P01")] // admin shutdown
    [InlineData("53300")] // too many clients
    [InlineData("55000")] // database does not allow connections
    [InlineData("08006")] // connection failure
    public void A_database_error_that_is_not_about_the_data_is_an_outage(string sqlState) =>
        Assert.Equal(DependencyFailures.Database, DependencyFailures.AsDatabaseOutage(new PostgresException("down", "FATAL", "FATAL", sqlState))?.Dependency);

    [Theory]
    [InlineData("22001")] // string data right truncation
    [InlineData("23514")] // check violation
    public void A_data_or_constraint_error_is_the_message_s_own(string sqlState) =>
        Assert.Null(DependencyFailures.AsDatabaseOutage(new PostgresException("bad data", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_refused_connection_wrapped_by_ef_core_is_an_outage() =>
        Assert.NotNull(DependencyFailures.AsDatabaseOutage(
            new InvalidOperationException("transient", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))));
}
