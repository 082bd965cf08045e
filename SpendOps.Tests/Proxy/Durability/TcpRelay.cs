using System.Net;
using System.Net.Sockets;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>
/// A loopback TCP relay in front of a server (the database), which a test can cut: open connections are reset and new
/// ones refused, as when the database goes down, until it is restored on the same port.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private readonly IPEndPoint target;
    private readonly object gate = new();
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;

    public TcpRelay(IPEndPoint target)
    {
        this.target = target;
        Port = FreePortBelowEphemeralRange();
        Restore();
    }

    public int Port { get; }

    /// <summary>Starts accepting connections again.</summary>
    public void Restore()
    {
        var started = new TcpListener(IPAddress.Loopback, Port);
        started.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        started.Start();
        lock (gate)
            listener = started;
        _ = AcceptAsync(started);
    }

    /// <summary>
    /// A free loopback port below the kernel's ephemeral range. While the relay is cut its port is free, and a port in
    /// that range can meanwhile become the local port of any outgoing connection on the machine; restoring the relay
    /// then failed with "Address already in use".
    /// </summary>
    private static int FreePortBelowEphemeralRange()
    {
        const int lowest = 10_000;
        var ephemeralStart = File.Exists(EphemeralRangeFile) && int.TryParse(File.ReadAllText(EphemeralRangeFile).Split('\t', ' ')[0], out var start) ? start : 32_768;
        for (var attempt = 0; attempt < 100 && ephemeralStart > lowest; attempt++)
        {
            var port = Random.Shared.Next(lowest, ephemeralStart);
            var probe = new TcpListener(IPAddress.Loopback, port);
            try
            {
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
            }
            finally
            {
                probe.Stop();
            }
        }
        throw new InvalidOperationException($"No free loopback port between {lowest} and the ephemeral range ({ephemeralStart}).");
    }

    /// <summary>Refuses new connections and resets the open ones.</summary>
    public void Cut()
    {
        lock (gate)
        {
            listener?.Stop();
            listener = null;
            foreach (var client in open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }
            open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener accepting)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await accepting.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(target);
            lock (gate)
            {
                if (listener is null)
                    throw new SocketException((int)SocketError.ConnectionRefused);
                open.Add(client);
                open.Add(server);
            }
            var up = client.GetStream().CopyToAsync(server.GetStream());
            var down = server.GetStream().CopyToAsync(client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            // Cut, or one side closed.
        }
        finally
        {
            lock (gate)
            {
                open.Remove(client);
                open.Remove(server);
            }
            client.Dispose();
            server.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
