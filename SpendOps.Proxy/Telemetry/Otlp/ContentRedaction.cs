namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Event attributes that can hold conversation content when a customer turns on <c>OTEL_LOG_USER_PROMPTS</c>,
/// <c>OTEL_LOG_ASSISTANT_RESPONSES</c>, <c>OTEL_LOG_TOOL_DETAILS</c> or <c>OTEL_LOG_RAW_API_BODIES</c>. We need
/// none of it for cost, so it is never stored: a batch carrying any is stored re-written with
/// <c>&lt;REDACTED&gt;</c> in its place (Claude Code's own placeholder).
/// </summary>
internal static class ContentRedaction
{
    public static readonly OtlpValue Placeholder = OtlpValue.FromString("<REDACTED>");

    private static readonly HashSet<string> ContentKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "prompt", "prompt_text", "response", "body", "tool_parameters", "tool_input", "tool_output", "tool_result", "tool_content",
    };

    public static bool MustRedact(string key, OtlpValue value) =>
        ContentKeys.Contains(key) && !(value.Kind == OtlpValueKind.String && value.String == Placeholder.String) && value.Kind != OtlpValueKind.Empty;

    public static bool IsNeeded(OtlpLogsRequest request) =>
        request.ResourceLogs.Any(r => r.ScopeLogs.Any(s => s.LogRecords.Any(l => l.Attributes.Any(a => MustRedact(a.Key, a.Value)))));

    public static bool IsNeeded(OtlpMetricsRequest request) =>
        request.ResourceMetrics.Any(r => r.ScopeMetrics.Any(s => s.Metrics.Any(m => m.DataPoints.Any(p => p.Attributes.Any(a => MustRedact(a.Key, a.Value))))));
}
