using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TrainingProgram.Messaging.Consuming;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.Email;

/// <summary>
/// A few connected SMTP clients, reused across messages: connecting costs more than sending, and the SMTP server's
/// own rate per connection is the throughput limit. Sized to the consumer's concurrency, so a handler never waits for
/// a connection another handler holds. A client whose connection fails is dropped and replaced on next use.
/// </summary>
internal sealed partial class SmtpClientPool : IAsyncDisposable
{
    private readonly SmtpEndpoint _endpoint;
    private readonly TimeSpan _timeout;
    private readonly ILogger<SmtpClientPool> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public SmtpClientPool(SmtpEndpoint endpoint, IOptions<NotificationOptions> options, IOptions<ConsumerOptions> consumer, ILogger<SmtpClientPool> logger)
    {
        _endpoint = endpoint;
        _timeout = options.Value.SmtpTimeout;
        _logger = logger;
        _slots = new SemaphoreSlim(consumer.Value.Concurrency, consumer.Value.Concurrency);
    }

    public SmtpEndpoint Endpoint => _endpoint;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            if (_idle.TryTake(out var pooled))
            {
                try
                {
                    await SendOnAsync(pooled, message, cancellationToken);
                    return;
                }
                catch (Exception ex) when (IsStaleConnection(ex) && !cancellationToken.IsCancellationRequested)
                {
                    // The server closed an idle connection; the message did not get through: try once on a fresh one.
                    LogStaleConnection(ex);
                }
            }

            await SendOnAsync(new SmtpClient { Timeout = (int)_timeout.TotalMilliseconds }, message, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task SendOnAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (!client.IsConnected)
            {
                await client.ConnectAsync(_endpoint.Host, _endpoint.Port, SecureSocketOptions.None, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _idle.Add(client);
    }

    private static bool IsStaleConnection(Exception ex) =>
        ex is ServiceNotConnectedException or IOException or SocketException
            || ex is SmtpProtocolException;

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, timeout.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Shutting down: a connection that will not close politely is simply dropped.
            }
            finally
            {
                client.Dispose();
            }
        }

        _slots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A pooled SMTP connection had gone stale; sending on a new connection")]
    private partial void LogStaleConnection(Exception ex);
}
