using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SpendOps.Core.Telemetry;

namespace SpendOps.Proxy.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The OTLP ingest: its options (<c>Telemetry</c> section, validated on start) and request services. Needs <c>AddSpendOpsCore()</c>.</summary>
    public static IHostApplicationBuilder AddSpendOpsTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryIngestOptions>()
            .BindConfiguration(TelemetryIngestOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<TelemetryIngestMetrics>();
        builder.Services.TryAddScoped<IngestKeyAuthenticator>();
        builder.Services.TryAddScoped<TelemetryIngestor>();
        builder.Services.TryAddScoped<TelemetryConnectionService>();
        return builder;
    }
}
