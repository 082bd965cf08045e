using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SpendOps.Web.Observability;

/// <summary>
/// The app's own metrics (every <c>SpendOps.*</c> meter, ASP.NET Core requests, outgoing HTTP, the runtime) on a
/// Prometheus scrape endpoint, and with traces to an OTLP collector when one is configured.
/// </summary>
internal static class ObservabilityServiceCollectionExtensions
{
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// The framework's meters exported by default: requests and their duration, connections, portal circuits,
    /// unhandled exceptions, sign-ins, outgoing calls. OpenTelemetry's ASP.NET Core instrumentation would also turn on
    /// the routing, rate-limiter, memory-pool, authentication and authorization meters, which record several
    /// measurements on every proxied call, each a lookup of its tag set: in a profile under load, recording them took
    /// more CPU than reading the provider's usage from the response. <c>Metrics:AdditionalMeters</c> adds any back.
    /// </summary>
    internal static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Identity",
        "System.Net.Http",
        "System.Net.NameResolution",
    ];

    /// <summary>
    /// Outgoing HTTP's gauges that change two to four times per call (a connection going busy and idle again, a request
    /// starting and ending); <c>http.client.request.duration</c> and the connection durations stay.
    /// </summary>
    internal static readonly string[] DroppedInstruments = ["http.client.open_connections", "http.client.active_requests"];

    /// <summary>
    /// What is exported is decided from the configuration at start (environment variables and <c>appsettings.json</c>):
    /// OpenTelemetry's exporters cannot be added once the services are built.
    /// </summary>
    public static IHostApplicationBuilder AddSpendOpsObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        var prometheus = PrometheusEnabled(builder.Configuration);
        var otlp = OtlpTarget(builder.Configuration);
        if (!prometheus && otlp is null)
            return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("spendops"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("SpendOps.*")
                    .AddMeter(FrameworkMeters)
                    .AddMeter(AdditionalMeters(builder.Configuration))
                    .AddRuntimeInstrumentation();
                foreach (var instrument in DroppedInstruments)
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                if (prometheus)
                    metrics.AddPrometheusExporter();
            });
        if (otlp is null)
            return builder;

        telemetry.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
            .AddHttpClientInstrumentation());
        if (otlp.Value.Endpoint is { } endpoint)
            telemetry.UseOtlpExporter(otlp.Value.Protocol, endpoint);
        else
            telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary><c>/metrics</c> for Prometheus, answered to loopback callers and the configured networks only.</summary>
    public static void MapSpendOpsMetrics(this WebApplication app)
    {
        if (!PrometheusEnabled(app.Configuration))
            return;
        app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(next => context =>
        {
            var allowed = context.RequestServices.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue.Prometheus.AllowedNetworks;
            if (MayScrape(context.Connection.RemoteIpAddress, allowed))
                return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }), optionsName: null).ShortCircuit();
    }

    internal static bool MayScrape(IPAddress? caller, IEnumerable<string> allowedNetworks)
    {
        if (caller is null)
            return false;
        if (caller.IsIPv4MappedToIPv6)
            caller = caller.MapToIPv4();
        return IPAddress.IsLoopback(caller) || allowedNetworks.Any(network => IPNetwork.TryParse(network, out var parsed) && parsed.Contains(caller));
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(ScrapePath);

    /// <summary><c>Metrics:AdditionalMeters</c>: more meters to export, by name or with a trailing <c>*</c>.</summary>
    private static string[] AdditionalMeters(IConfiguration configuration) =>
        configuration.GetSection($"{MetricsOptions.SectionName}:AdditionalMeters").Get<string[]>() ?? [];

    private static bool PrometheusEnabled(IConfiguration configuration) =>
        configuration.GetValue($"{MetricsOptions.SectionName}:Prometheus:Enabled", true);

    /// <summary>
    /// <c>Telemetry:Otlp:Endpoint</c> (with <c>Telemetry:Otlp:Protocol</c>, <c>grpc</c> or <c>http/protobuf</c>), or
    /// OpenTelemetry's own <c>OTEL_EXPORTER_OTLP_*</c> variables (Endpoint null: the exporter reads them itself).
    /// </summary>
    private static (Uri? Endpoint, OtlpExportProtocol Protocol)? OtlpTarget(IConfiguration configuration)
    {
        if (configuration["Telemetry:Otlp:Endpoint"] is { Length: > 0 } configured)
        {
            if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint))
                throw new InvalidOperationException($"Telemetry:Otlp:Endpoint: '{configured}' is not an absolute URL.");
            var protocol = configuration["Telemetry:Otlp:Protocol"] is "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            return (endpoint, protocol);
        }
        return configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } ? (null, OtlpExportProtocol.Grpc) : null;
    }
}
