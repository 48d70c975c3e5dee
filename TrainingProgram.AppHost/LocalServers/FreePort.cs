using System.Net;
using System.Net.Sockets;

namespace TrainingProgram.AppHost.LocalServers;

/// <summary>
/// Picks a free loopback port. Local servers get fixed, unproxied ports so that their address survives
/// a stop/start from the dashboard and health checks talk to the server itself, not to DCP's proxy.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
