using Microsoft.AspNetCore.Http;
using SpendOps.Proxy.Auth;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The checks on a request's form before anything else: no connection upgrade (a tunnel the proxy cannot meter),
/// and a target that can be forwarded byte for byte. Keeps the <see cref="RawProviderTarget"/> on the request for
/// <see cref="ProviderTransformer"/>.
/// </summary>
internal static class ForwardableRequest
{
    public static ProxyError? Check(HttpContext context, string provider, string upstreamBaseUrl)
    {
        if (UpgradeRequest.IsRequested(context))
            return new ProxyError(400, ProxyMessages.UpgradeRefused, "aso_upgrade_not_supported");
        if (RawProviderTarget.Read(context, provider, upstreamBaseUrl) is not { } target)
            return new ProxyError(400, ProxyMessages.UnforwardablePath, "aso_invalid_path");
        context.Features.Set(target);
        return null;
    }
}
