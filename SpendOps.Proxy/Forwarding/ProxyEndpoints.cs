using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SpendOps.Proxy.Forwarding;

public static class ProxyEndpoints
{
    /// <summary>
    /// Maps <c>/v1/{provider}/{**path}</c> for every method. Unknown providers are answered by the handler
    /// (a 404 that lists the known ones) rather than by a route constraint, so the user learns what to fix.
    /// </summary>
    public static IEndpointConventionBuilder MapSpendOpsProxy(this IEndpointRouteBuilder endpoints)
    {
        return endpoints.Map("/v1/{provider}/{**path}", static (HttpContext context, string provider) =>
                context.RequestServices.GetRequiredService<ProxyRequestHandler>().HandleAsync(context, provider))
            .WithName("Proxy")
            .ExcludeFromDescription()
            .DisableAntiforgery()
            .ShortCircuit();
    }
}
