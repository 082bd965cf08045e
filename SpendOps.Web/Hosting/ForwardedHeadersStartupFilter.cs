using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace SpendOps.Web.Hosting;

/// <summary>
/// Honours forwarded headers from the configured proxies only, at the very front of the pipeline: ahead of the
/// per-client rate limits (so they see the real client, not the proxy), of the proxy's short-circuiting endpoints and
/// of the cookies (so a request that reached the proxy over HTTPS gets <c>Secure</c> cookies).
/// </summary>
internal sealed class ForwardedHeadersStartupFilter(IOptions<ForwardedHeadersSettings> settings) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (settings.Value.Any)
            app.UseForwardedHeaders(Options(settings.Value));
        next(app);
    };

    internal static ForwardedHeadersOptions Options(ForwardedHeadersSettings settings)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // Walks back through every known proxy in a chain (load balancer, then a TLS terminator) to the first
            // address that is not one of them: that is the client.
            ForwardLimit = null,
        };
        // The defaults trust loopback; only what is configured is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out var address))
                throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
            options.KnownProxies.Add(address);
        }
        foreach (var network in settings.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed))
                throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8).");
            options.KnownIPNetworks.Add(parsed);
        }
        return options;
    }
}
