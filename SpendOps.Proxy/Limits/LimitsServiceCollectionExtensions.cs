using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SpendOps.Proxy.Limits;

internal static class LimitsServiceCollectionExtensions
{
    /// <summary>The <c>Limits</c> section: per-client rate limits and the buffered request body budget.</summary>
    public static IServiceCollection AddSpendOpsLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RequestBodyBudget>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>, IServiceProvider>((options, limits, root) => ClientRateLimits.Configure(options, limits.Value, root));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, LimitsStartupFilter>());
        return services;
    }
}
