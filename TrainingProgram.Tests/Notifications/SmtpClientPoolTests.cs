using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using TrainingProgram.Messaging.Consuming;
using TrainingProgram.NotificationService.Email;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.Tests.Notifications;

/// <summary>
/// SmtpTimeout bounds an email's whole SMTP exchange, not each read and write of it: the host's shutdown timeout is
/// derived from it, so a send must never outlast it.
/// </summary>
public sealed class SmtpClientPoolTests
{
    private static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReplyDelay = TimeSpan.FromMilliseconds(350);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_that_answers_every_command_in_time_but_takes_longer_than_the_timeout_in_all_is_a_timeout()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var serverRuns = AnswerSlowlyAsync(server, Ct);
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await using var pool = new SmtpClientPool(new SmtpEndpoint("127.0.0.1", port),
            Options.Create(new NotificationOptions { SmtpTimeout = SmtpTimeout }), Options.Create(new ConsumerOptions { Concurrency = 1 }),
            NullLogger<SmtpClientPool>.Instance);
        using var message = new MimeMessage(
            [new MailboxAddress("TrainingProgram", "no-reply@trainingprogram.example")], [new MailboxAddress("Ada", "ada@example.com")],
            "Enrollment confirmed", new TextPart("plain") { Text = "You are enrolled." });

        var elapsed = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => pool.SendAsync(message, Ct));

        Assert.InRange(elapsed.Elapsed, SmtpTimeout, SmtpTimeout + TimeSpan.FromSeconds(2));
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        server.Stop();
        await serverRuns.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    /// <summary>An SMTP server that answers each line after <see cref="ReplyDelay"/>: every step is within the timeout, the exchange is not.</summary>
    private static async Task AnswerSlowlyAsync(TcpListener server, CancellationToken cancellationToken)
    {
        try
        {
            using var client = await server.AcceptTcpClientAsync(cancellationToken);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await ReplyAsync(writer, "220 slow.example ESMTP", cancellationToken);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var reply = line.ToUpperInvariant() switch
                {
                    var l when l.StartsWith("EHLO", StringComparison.Ordinal) => "250 slow.example",
                    var l when l.StartsWith("DATA", StringComparison.Ordinal) => "354 go ahead",
                    "." => "250 queued",
                    var l when l.StartsWith("QUIT", StringComparison.Ordinal) => "221 bye",
                    var l when l.StartsWith("MAIL", StringComparison.Ordinal) || l.StartsWith("RCPT", StringComparison.Ordinal) => "250 ok",
                    _ => null,
                };
                if (reply is not null)
                {
                    await ReplyAsync(writer, reply, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client gave up and closed the connection, or the test is over.
        }
    }

    private static async Task ReplyAsync(StreamWriter writer, string reply, CancellationToken cancellationToken)
    {
        await Task.Delay(ReplyDelay, cancellationToken);
        await writer.WriteLineAsync(reply.AsMemory(), cancellationToken);
    }
}
