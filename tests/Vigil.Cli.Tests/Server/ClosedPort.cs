using System.Net;
using System.Net.Sockets;

namespace Vigil.Cli.Tests.Server;

/// <summary>A loopback URL where nothing listens: a port the OS handed out and that was closed again.</summary>
public static class ClosedPort
{
    public static string Url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
