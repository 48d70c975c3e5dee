using RabbitMQ.Client;

namespace TrainingProgram.Messaging;

internal static class ChannelClosing
{
    /// <summary>
    /// Closes <paramref name="channel"/> at stop, giving up after <paramref name="timeout"/>. On a connection that is
    /// recovering, or that the broker has just closed, the answer may never come and the close may not watch its
    /// token; an orchestrator kills a process that takes ~12 s to stop (seen in the 30-minute soak). What is unacked
    /// goes back to the queue when the connection closes anyway.
    /// </summary>
    public static async Task BoundedAsync(IChannel channel, TimeSpan timeout, Action<string> logFailure)
    {
        using var closing = new CancellationTokenSource(timeout);
        try
        {
            await channel.CloseAsync(closing.Token).WaitAsync(timeout, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logFailure(ex.Message);
        }
    }
}
