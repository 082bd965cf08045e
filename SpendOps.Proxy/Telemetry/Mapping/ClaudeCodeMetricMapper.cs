using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Folds metric increments into estimated usage records: one per series group (resource, session, model, query
/// source, ...) and export time, carrying the cost increment and the four token increments together.
/// </summary>
internal static class ClaudeCodeMetricMapper
{
    /// <summary>
    /// The dimensions of each series group, worked out before the batch's transaction starts (all samples of a
    /// group share the attributes dimensions come from; only the token <c>type</c> differs).
    /// </summary>
    public static Dictionary<string, Dictionary<string, string>> DimensionsByGroup(IEnumerable<MetricSample> samples)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!result.ContainsKey(sample.GroupKey))
                result[sample.GroupKey] = ClaudeCodeDimensions.Build(sample.Resource, sample.Attributes);
        }
        return result;
    }

    public static List<UsageRecord> Map(IEnumerable<MetricIncrement> increments, IReadOnlyDictionary<string, Dictionary<string, string>> dimensionsByGroup, TelemetryMappingContext context)
    {
        var records = new List<UsageRecord>();
        foreach (var group in increments.GroupBy(i => (i.Sample.GroupKey, i.Sample.TimeUnixNano)))
        {
            var first = group.First().Sample;
            var dims = new Dictionary<string, string>(dimensionsByGroup[first.GroupKey], StringComparer.Ordinal);
            var model = TelemetryText.Short(first.Attributes.Text("model") ?? first.Resource.Text("model"), 200);
            decimal? Sum(MetricField field) =>
                group.Any(i => i.Sample.Field == field) ? group.Where(i => i.Sample.Field == field).Sum(i => i.Amount) : null;
            long Count(MetricField field) => (long)Math.Min(Sum(field) ?? 0, long.MaxValue);
            var hasTokens = group.Any(i => i.Sample.Field != MetricField.CostUsd);

            records.Add(new UsageRecord
            {
                RequestId = TelemetryIds.ForMetrics(context.ConnectionId, context.IngestKeyId, group.Key.GroupKey, group.Key.TimeUnixNano),
                Timestamp = UnixTime.FromNanos(group.Key.TimeUnixNano) ?? context.ReceivedAt,
                TenantId = context.TenantId,
                ApiKeyId = context.IngestKeyId,
                ConnectionId = context.ConnectionId,
                Source = UsageSource.Telemetry,
                Estimated = true,
                Provider = ClaudeCodeUsage.Provider,
                Endpoint = ClaudeCodeUsage.MetricsEndpoint,
                ModelRequested = model,
                ModelReported = model,
                StatusCode = 200,
                // Without token counters the pricing job has nothing to price from: the cost is Claude Code's alone.
                UsageComplete = hasTokens,
                Tokens = new TokenCounts
                {
                    InputTokens = Count(MetricField.InputTokens),
                    OutputTokens = Count(MetricField.OutputTokens),
                    CacheReadTokens = Count(MetricField.CacheReadTokens),
                    CacheWrite5mTokens = Count(MetricField.CacheCreationTokens),
                },
                ProviderCostUsd = Sum(MetricField.CostUsd),
                PricingStatus = PricingStatus.Pending,
                Dims = dims,
                DimensionRows = ClaudeCodeDimensions.Rows(dims),
            });
        }
        return records;
    }
}
