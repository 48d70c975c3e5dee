using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace TrainingProgram.Benchmarks.WolverinePeer.Notifications;

/// <summary>
/// Connected SMTP clients, reused across emails because connecting costs more than sending. As many as the handler
/// runs in parallel, so no handler waits for another's connection. A client whose connection breaks is dropped.
/// </summary>
public sealed class SmtpClientPool(SmtpEndpoint endpoint) : IAsyncDisposable
{
    public const int MaxConnections = 16;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _slots = new(MaxConnections, MaxConnections);
    private readonly ConcurrentBag<SmtpClient> _idle = [];

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
                catch (Exception ex) when (ex is ServiceNotConnectedException or IOException or SocketException or SmtpProtocolException)
                {
                    // The server closed the idle connection and the email did not go: send it on a new one.
                }
            }

            await SendOnAsync(new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds }, message, cancellationToken);
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
                await client.ConnectAsync(endpoint.Host, endpoint.Port, SecureSocketOptions.None, cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            using (client)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await client.DisconnectAsync(quit: true, timeout.Token);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ProtocolException)
                {
                    // Shutting down: a connection that will not close politely is simply dropped.
                }
            }
        }

        _slots.Dispose();
    }
}
