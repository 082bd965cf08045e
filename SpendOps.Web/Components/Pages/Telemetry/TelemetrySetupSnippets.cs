using System.Text.Encodings.Web;
using System.Text.Json;
using SpendOps.Core.Telemetry;

namespace SpendOps.Web.Components.Pages.Telemetry;

/// <summary>
/// The ready-to-paste telemetry setup for one connection, as the Claude setup guide lays it out: managed settings
/// for an organization, shell variables for one machine, and the Claude admin monitoring form for Cowork and Office
/// agents. The endpoint is the collector root; the exporter appends <c>/v1/metrics</c> and <c>/v1/logs</c> itself.
/// </summary>
internal static class TelemetrySetupSnippets
{
    /// <summary>Stands in for the key once it is no longer shown.</summary>
    public const string KeyPlaceholder = "YOUR_INGEST_KEY";

    public const string Protocol = "http/json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // Shown as text and pasted into a JSON file: no \u escapes for characters like '+' or '&'.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Endpoint(string publicBaseUrl, string endpointPath) => publicBaseUrl.TrimEnd('/') + endpointPath;

    /// <summary>The <c>OTEL_EXPORTER_OTLP_HEADERS</c> value: one space between Bearer and the key.</summary>
    public static string Headers(string? key) => $"Authorization=Bearer {key ?? KeyPlaceholder}";

    /// <summary>Step 3: the <c>env</c> block of Claude Code's managed-settings.json.</summary>
    public static string ManagedSettings(string endpoint, string? key) => JsonSerializer.Serialize(new
    {
        env = new Dictionary<string, string>
        {
            ["CLAUDE_CODE_ENABLE_TELEMETRY"] = "1",
            ["OTEL_METRICS_EXPORTER"] = "otlp",
            ["OTEL_LOGS_EXPORTER"] = "otlp",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = Protocol,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = Headers(key),
        },
    }, JsonOptions).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Step 4: variables for a terminal, with the guide's export intervals (metrics every 60 s, logs every 5 s).</summary>
    public static string Shell(string endpoint, string? key) => string.Join('\n',
        "export CLAUDE_CODE_ENABLE_TELEMETRY=1",
        "export OTEL_METRICS_EXPORTER=otlp",
        "export OTEL_LOGS_EXPORTER=otlp",
        $"export OTEL_EXPORTER_OTLP_PROTOCOL={Protocol}",
        $"export OTEL_EXPORTER_OTLP_ENDPOINT={endpoint}",
        $"export OTEL_EXPORTER_OTLP_HEADERS=\"{Headers(key)}\"",
        "export OTEL_METRIC_EXPORT_INTERVAL=60000",
        "export OTEL_LOGS_EXPORT_INTERVAL=5000");

    /// <summary>
    /// Step 5: resource attributes for the Claude admin monitoring form. <c>deployment.environment</c> and <c>team</c>
    /// are examples that become dimensions; <c>stackspend.source</c> names the product (Cowork unless the connection is
    /// for Office agents).
    /// </summary>
    public static string ResourceAttributes(TelemetrySource source) =>
        $"deployment.environment=prod,team=product,stackspend.source={TelemetrySourceNames.ToName(AdminFormSource(source))}";

    /// <summary>The product the admin monitoring form is filled in for: the connection's, or Cowork for a Claude Code connection.</summary>
    public static TelemetrySource AdminFormSource(TelemetrySource source) =>
        source == TelemetrySource.ClaudeCode ? TelemetrySource.ClaudeCowork : source;
}
