using Microsoft.AspNetCore.Http;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Forwarding;

namespace SpendOps.Proxy.Limits;

/// <summary>Recognises proxy calls before routing, and the error shape of the provider they are for.</summary>
internal static class ProxyPaths
{
    public static bool IsProxy(PathString path) => path.StartsWithSegments("/v1");

    /// <summary>The envelope family for <c>/v1/{provider}/…</c>, OpenAI's for a provider the proxy does not know.</summary>
    public static ProviderFamily FamilyOf(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var rest = path.Length > "/v1/".Length ? path["/v1/".Length..] : "";
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var provider = slash < 0 ? rest : rest[..slash];
        var upstream = context.RequestServices.GetService(typeof(UpstreamCatalog)) is UpstreamCatalog upstreams ? upstreams.Find(provider) : null;
        return upstream is null ? ProviderFamily.OpenAi : ErrorEnvelope.FamilyFor(upstream.Info.Family, slash < 0 ? "" : rest[slash..]);
    }
}
