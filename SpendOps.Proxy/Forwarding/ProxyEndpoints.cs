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
    /// The handler is a singleton taken from the application's services: the request's services would create a
    /// request scope for every call, which nothing on the proxy's path needs.
    /// </summary>
    public static IEndpointConventionBuilder MapSpendOpsProxy(this IEndpointRouteBuilder endpoints)
    {
        var root = endpoints.ServiceProvider;
        return endpoints.Map("/v1/{provider}/{**path}", (HttpContext context, string provider) =>
                root.GetRequiredService<ProxyRequestHandler>().HandleAsync(context, provider))
            .WithName("Proxy")
            .ExcludeFromDescription()
            .DisableAntiforgery()
            .ShortCircuit();
    }
}
