using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpendOps.Web.Health;

internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddSpendOpsHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<UsageQueueHealthCheck>("usageQueue", tags: [Ready])
            .AddCheck<SpillFolderHealthCheck>("spillFolder", tags: [Ready]);
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: the process is up (liveness). <c>/readyz</c>: it can reach its database, its usage queue is
    /// below the high-water mark and its spill folder is not near its quota (readiness); 503 otherwise. Both answer
    /// JSON listing each check.
    /// </summary>
    public static void MapSpendOpsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJsonWriter.WriteAsync }).ShortCircuit();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthJsonWriter.WriteAsync,
        }).ShortCircuit();
    }
}
