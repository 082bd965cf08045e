using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpendOps.Core;

namespace SpendOps.Bench.Analytics;

/// <summary>
/// The product's Core services over the configured database, built but never started: no jobs, no migrations (the
/// product's command line ran those), just the query and admin services the portal uses.
/// </summary>
internal static class BenchHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSpendOpsCore();
        return builder.Build();
    }
}
