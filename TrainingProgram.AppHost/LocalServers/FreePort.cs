using System.Net;
using System.Net.Sockets;

namespace TrainingProgram.AppHost.LocalServers;

/// <summary>
/// Picks a free loopback port. Local servers get fixed, unproxied ports so that their address survives
/// a stop/start from the dashboard and health checks talk to the server itself, not to DCP's proxy.
/// </summary>
internal static class FreePort
{
    // Below Linux's ephemeral range (32768-60999) and above most registered services: a port taken from the
    // ephemeral range can be handed to some outgoing connection before the server that was promised it binds it,
    // and that server then fails to start with "address in use".
    private const int First = 20000;
    private const int Last = 32767;
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last + 1);
                if (!Handed.Contains(port) && IsFree(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
