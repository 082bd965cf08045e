using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Enforcement;
using SpendOps.Proxy.Forwarding;
using SpendOps.Proxy.Limits;
using SpendOps.Proxy.Usage;

namespace SpendOps.Proxy;

public static class ProxyServiceCollectionExtensions
{
    /// <summary>The <c>/v1</c> proxy: key cache, forwarding, usage capture and the usage writer.</summary>
    public static IHostApplicationBuilder AddSpendOpsProxy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>());
        services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddHttpForwarder();
        // YARP logs every target URL at Information and ASP.NET Core logs every request line: both include the query
        // string, where Gemini clients put their API key (?key=). Provider credentials must never reach the logs.
        // ASP.NET Core's request lines are off altogether (they have nothing above Information): while that category
        // logs at any level, it starts a trace activity for every request, and the forwarder a second one, which
        // nothing reads unless traces are exported (Telemetry:Otlp, which starts them anyway).
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        services.AddMetrics();
        services.TryAddSingleton<UpstreamCatalog>();
        services.TryAddSingleton<UpstreamInvoker>();
        services.TryAddSingleton<TenantDimsCache>();
        services.TryAddSingleton<ApiKeyResolver>();
        services.TryAddSingleton<ProxyDryRun>();
        services.TryAddSingleton<ProxyMetrics>();
        services.TryAddSingleton<CallForwarder>();
        services.TryAddSingleton<ProxyRequestHandler>();
        services.AddHostedService<ApiKeyCacheRefresher>();
        services.TryAddSingleton<TenantRateLimitDefaults>();
        services.TryAddSingleton<KeyRateLimiter>();
        services.TryAddSingleton<RateLimitSync>();
        services.AddHostedService(sp => sp.GetRequiredService<RateLimitSync>());
        services.AddOptions<BudgetGateOptions>().BindConfiguration(BudgetGateOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BudgetLeaseStore>();
        services.TryAddSingleton<BudgetGate>();
        services.TryAddSingleton<BudgetLeaseSync>();
        services.AddHostedService(sp => sp.GetRequiredService<BudgetLeaseSync>());

        services.TryAddSingleton<UsageMetrics>();
        services.TryAddSingleton<UsageSpillFile>();
        services.TryAddSingleton<UsageJournal>();
        services.TryAddSingleton<UsageSink>();
        services.AddHostedService<UsageWriter>();
        services.AddSpendOpsLimits();
        return builder;
    }
}
