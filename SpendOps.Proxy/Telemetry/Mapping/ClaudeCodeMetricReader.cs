using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Picks the cost-bearing data points out of a metrics request: <c>claude_code.cost.usage</c> and
/// <c>claude_code.token.usage</c> sums. Other metrics (sessions, lines of code, active time) stay in the raw batch.
/// </summary>
internal static class ClaudeCodeMetricReader
{
    public const string CostMetric = "claude_code.cost.usage";
    public const string TokenMetric = "claude_code.token.usage";

    public static List<MetricSample> Read(OtlpMetricsRequest request, out int unspecifiedTemporality)
    {
        unspecifiedTemporality = 0;
        var samples = new List<MetricSample>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = resourceMetrics.Resource;
            var resourceSegment = TelemetryIds.Segment(resource);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                foreach (var metric in scopeMetrics.Metrics)
                {
                    if (metric.Kind != OtlpMetricKind.Sum || metric.Name is not (CostMetric or TokenMetric))
                        continue;
                    foreach (var point in metric.DataPoints)
                    {
                        if (point.Value is not { } value || value < 0 || FieldOf(metric.Name, point.Attributes) is not { } field)
                            continue;
                        if (field == MetricField.CostUsd && value >= ClaudeCodeUsage.MaxPlausibleCostUsd)
                            continue;
                        if (metric.Temporality == OtlpTemporality.Unspecified)
                            unspecifiedTemporality++;
                        samples.Add(new MetricSample(
                            TelemetryIds.KeyOfSegments(
                                TelemetryIds.Segment([new("\u0000metric", OtlpValue.FromString(metric.Name))]), TelemetryIds.Segment(point.Attributes), resourceSegment),
                            TelemetryIds.KeyOfSegments(TelemetryIds.Segment(point.Attributes.Where(a => a.Key != "type")), resourceSegment),
                            metric.Name,
                            field,
                            value,
                            point.StartTimeUnixNano,
                            point.TimeUnixNano,
                            // The spec says 0 should not occur; Claude Code's default is delta, so read it as delta.
                            metric.Temporality == OtlpTemporality.Cumulative ? OtlpTemporality.Cumulative : OtlpTemporality.Delta,
                            resource,
                            point.Attributes));
                    }
                }
            }
        }
        return samples;
    }

    private static MetricField? FieldOf(string metricName, OtlpAttributes attributes)
    {
        if (metricName == CostMetric)
            return MetricField.CostUsd;
        return attributes.Text("type")?.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "input" => MetricField.InputTokens,
            "output" => MetricField.OutputTokens,
            "cacheread" => MetricField.CacheReadTokens,
            "cachecreation" => MetricField.CacheCreationTokens,
            _ => null,
        };
    }
}
