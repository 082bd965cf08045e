using System.Net;
using System.Net.Sockets;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>A host with default limits, and Mistral pointed at a port where nothing listens.</summary>
public sealed class FaultsFixture : ProxyFixture
{
    protected override void Configure(SpendOpsAppFactory app) =>
        app.ProviderBaseUrls["mistral"] = $"http://127.0.0.1:{ClosedPort()}";

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
