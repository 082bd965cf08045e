using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpendOps.Web.Health;

internal static class HealthEndpoints
{
    public static IServiceCollection AddSpendOpsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process is up (liveness). <c>/readyz</c>: it can reach its database (readiness).</summary>
    public static void MapSpendOpsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).ShortCircuit();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).ShortCircuit();
    }
}
