using Microsoft.AspNetCore.Http;
using SpendOps.Proxy.Auth;
using Yarp.ReverseProxy.Forwarder;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Shapes the upstream request and watches the upstream response of one call. Derives from the base
/// <see cref="HttpTransformer"/> (which copies headers and drops hop-by-hop ones), not from
/// <see cref="HttpTransformer.Default"/>, which would tell third parties our clients' addresses in X-Forwarded-*.
/// </summary>
internal sealed class ProviderTransformer(string providerPath, ProxyCall call, TimeProvider clock) : HttpTransformer
{
    private static readonly string[] LiteLlmHeaders = [ProxyHeaders.LiteLlmTags, ProxyHeaders.LiteLlmCustomerId, ProxyHeaders.LiteLlmEndUserId];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        // The client's own bytes when the handler could read them (always, for calls it admitted); the
        // re-encoded target otherwise, built only then.
        proxyRequest.RequestUri = httpContext.Features.Get<RawProviderTarget>()?.Address
            ?? RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(providerPath), httpContext.Request.QueryString);
        proxyRequest.Headers.Host = null;

        // The headers themselves, not Keys: Kestrel builds a new set of every name for Keys.
        foreach (var header in httpContext.Request.Headers)
        {
            if (header.Key.StartsWith(ProxyHeaders.OwnPrefix, StringComparison.OrdinalIgnoreCase))
                proxyRequest.Headers.Remove(header.Key);
        }
        foreach (var name in LiteLlmHeaders)
            proxyRequest.Headers.Remove(name);

        // Usage is read from a copy of the response bytes, so they must arrive uncompressed. This only
        // changes the transfer encoding between us and the provider, not what the client receives.
        proxyRequest.Headers.Remove("Accept-Encoding");
        call.OnRequestSending();
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        call.OnResponseHeadersArrived();
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        httpContext.Response.Headers[ProxyHeaders.RequestId] = call.RequestId;
        // The key's limits replace the provider's own x-ratelimit-* headers (those describe the whole organisation).
        call.RateLimit?.WriteHeaders(httpContext.Response.Headers, call.Family, clock.GetUtcNow());
        if (proxyResponse is not null)
        {
            ServerTiming.WriteForwarded(httpContext.Response.Headers, call.StartTimestamp, call.SentTimestamp, call.HeadersArrivedTimestamp);
            call.OnResponseHeaders(proxyResponse);
        }
        if (call.InjectedUsageFilter is not null)
            httpContext.Response.Headers.ContentLength = null; // the client gets fewer bytes than the provider sent
        // The headers go out now, not with the first body byte: a model that thinks for a minute before it writes
        // must not look like a dead connection to the client (nor trip its read timeout).
        if (proceed && proxyResponse is not null)
            await httpContext.Response.Body.FlushAsync(cancellationToken);
        call.OnResponseHeadersSent();
        return proceed;
    }
}
