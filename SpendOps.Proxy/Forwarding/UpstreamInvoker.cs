using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The one connection pool to all upstreams. An <see cref="HttpMessageInvoker"/>, not an HttpClient: the
/// forwarder needs the response as soon as its headers arrive, and must not follow redirects, keep cookies,
/// decompress, or go through a system proxy the operator did not configure for it.
/// </summary>
public sealed class UpstreamInvoker : IDisposable
{
    public UpstreamInvoker(IOptions<ProxyOptions> options)
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(options.Value.ConnectTimeoutSeconds),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();

    /// <summary>
    /// Sends no trace headers to third parties: our own spans stay ours, and a caller's <c>traceparent</c> is
    /// already copied as an ordinary request header.
    /// </summary>
    private sealed class ReverseProxyPropagator(DistributedContextPropagator inner) : DistributedContextPropagator
    {
        public override IReadOnlyCollection<string> Fields => inner.Fields;

        public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
        {
        }

        public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState) =>
            inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);

        public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
            inner.ExtractBaggage(carrier, getter);
    }
}
