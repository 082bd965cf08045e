using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Recognises requests that would turn the connection into a tunnel: an HTTP/1.1 <c>Upgrade</c> (WebSocket
/// sessions such as OpenAI Realtime or Gemini Live), HTTP/2 extended CONNECT, or CONNECT itself. The forwarder
/// would relay such a session byte for byte, past the model allow-list and without a usage record, so the proxy
/// refuses them.
/// </summary>
internal static class UpgradeRequest
{
    public static bool IsRequested(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsConnect(request.Method) || context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true })
            return true;
        var upgrade = request.Headers.Upgrade;
        // curl --http2 on http:// offers h2c; Kestrel ignores that offer and answers in HTTP/1.1, so it is harmless.
        var offersOnlyH2c = upgrade.Count == 1 && string.Equals(upgrade[0]?.Trim(), "h2c", StringComparison.OrdinalIgnoreCase);
        return !offersOnlyH2c && (upgrade.Count > 0 || context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true });
    }
}
