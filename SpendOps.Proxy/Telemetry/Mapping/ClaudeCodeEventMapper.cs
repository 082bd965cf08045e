using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Turns each <c>api_request</c> event (one model call) into one estimated usage record. Every other event is
/// kept only in the raw batch. Numbers are read from whichever value type the sender used; a value that cannot
/// be read is left out, never the record.
/// </summary>
internal static class ClaudeCodeEventMapper
{
    public static List<UsageRecord> Map(OtlpLogsRequest request, TelemetryMappingContext context)
    {
        var records = new List<UsageRecord>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                foreach (var log in scopeLogs.LogRecords)
                {
                    if (IsApiRequest(log))
                        records.Add(Map(resourceLogs.Resource, log, context));
                }
            }
        }
        return records;
    }

    /// <summary>Public integrations set the body, the <c>event.name</c> attribute, or (newer SDKs) <c>eventName</c>: any one counts.</summary>
    public static bool IsApiRequest(OtlpLogRecord log) =>
        log.Body is { Kind: OtlpValueKind.String, String: "claude_code.api_request" }
        || log.Attributes.Text("event.name") is "api_request" or "claude_code.api_request"
        || log.EventName is "api_request" or "claude_code.api_request";

    private static UsageRecord Map(OtlpAttributes resource, OtlpLogRecord log, TelemetryMappingContext context)
    {
        var a = log.Attributes;
        var dims = ClaudeCodeDimensions.Build(resource, a);
        var requestId = TelemetryText.Short(a.Text("request_id"), 128);
        var model = TelemetryText.Short(a.Text("model"), 200);
        var (write5m, write1h) = CacheWrites(a);
        var cost = a.Decimal("cost_usd") is { } usd and >= 0 and < ClaudeCodeUsage.MaxPlausibleCostUsd ? usd
            : a.Long("cost_usd_micros") is { } micros and >= 0 && micros / 1_000_000m < ClaudeCodeUsage.MaxPlausibleCostUsd ? micros / 1_000_000m
            : (decimal?)null;
        var input = Count(a, "input_tokens");
        var output = Count(a, "output_tokens");

        return new UsageRecord
        {
            RequestId = TelemetryIds.ForEvent(context.ConnectionId, context.IngestKeyId, dims.GetValueOrDefault(ClaudeCodeUsage.SessionDimension), requestId,
                a.Long("event.sequence"), a.Text("prompt.id"), Fallback(log)),
            UpstreamRequestId = requestId,
            Timestamp = UnixTime.FromNanos(log.TimeUnixNano) ?? UnixTime.FromNanos(log.ObservedTimeUnixNano)
                ?? UnixTime.FromIso(a.Text("event.timestamp")) ?? context.ReceivedAt,
            TenantId = context.TenantId,
            ApiKeyId = context.IngestKeyId,
            ConnectionId = context.ConnectionId,
            Source = UsageSource.Telemetry,
            Estimated = true,
            Provider = ClaudeCodeUsage.Provider,
            Endpoint = ClaudeCodeUsage.ApiRequestEndpoint,
            ModelRequested = model,
            ModelReported = model,
            StatusCode = 200,
            LatencyMs = a.Decimal("duration_ms") is { } ms && ms >= 0 ? (double)ms : 0,
            TimeToFirstByteMs = a.Decimal("ttft_ms") is { } ttft && ttft >= 0 ? (double)ttft : null,
            UsageComplete = input is not null || output is not null || cost is not null,
            Tokens = new TokenCounts
            {
                InputTokens = input ?? 0,
                OutputTokens = output ?? 0,
                CacheReadTokens = Count(a, "cache_read_tokens") ?? 0,
                CacheWrite5mTokens = write5m,
                CacheWrite1hTokens = write1h,
            },
            ProviderCostUsd = cost,
            PricingStatus = PricingStatus.Pending,
            Dims = dims,
            DimensionRows = ClaudeCodeDimensions.Rows(dims),
        };
    }

    /// <summary>
    /// <c>cache_creation_tokens</c> is the total; newer versions also split it into 5-minute and 1-hour writes,
    /// which price differently. Without the split every write counts as 5-minute (the API's default TTL).
    /// </summary>
    private static (long FiveMinutes, long OneHour) CacheWrites(OtlpAttributes a)
    {
        var total = Count(a, "cache_creation_tokens");
        var oneHour = Count(a, "cache_creation_1h_tokens") ?? 0;
        if (oneHour == 0)
            return (total ?? Count(a, "cache_creation_5m_tokens") ?? 0, 0);
        var fiveMinutes = Count(a, "cache_creation_5m_tokens") ?? Math.Max(0, (total ?? 0) - oneHour);
        return (fiveMinutes, oneHour);
    }

    private static long? Count(OtlpAttributes a, string key) => a.Long(key) is { } n && n >= 0 ? n : null;

    /// <summary>Identity of an event with neither request id nor sequence: its time and attributes.</summary>
    private static string Fallback(OtlpLogRecord log) =>
        $"{log.TimeUnixNano}\n{TelemetryIds.KeyOf(log.Attributes)}";
}
