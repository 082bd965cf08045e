using System.Text.Json;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// A usage record's journal line, written field by field: every proxied call journals one, and the serializer spent
/// about 2.5 % of the proxy's CPU on it, most of it walking its metadata and allocating its stack of frames. The bytes
/// are the serializer's own (<see cref="UsageSpillJson"/>, which reads them back); a test holds the two equal, so a field
/// added to the record and not here fails it. A record carrying dimension rows (telemetry's, not the proxy's) goes to the
/// serializer, which writes them.
/// </summary>
internal static class UsageRecordJson
{
    private static readonly JsonEncodedText Id = Name("id"), RequestId = Name("requestId"), UpstreamRequestId = Name("upstreamRequestId"),
        UpstreamIdIndexed = Name("upstreamIdIndexed"), Timestamp = Name("timestamp"), TenantId = Name("tenantId"), ApiKeyId = Name("apiKeyId"),
        ConnectionId = Name("connectionId"), Source = Name("source"), Estimated = Name("estimated"), Superseded = Name("superseded"),
        Provider = Name("provider"), Endpoint = Name("endpoint"), ModelRequested = Name("modelRequested"), ModelReported = Name("modelReported"),
        Stream = Name("stream"), StatusCode = Name("statusCode"), LatencyMs = Name("latencyMs"), TimeToFirstByteMs = Name("timeToFirstByteMs"),
        RequestBytes = Name("requestBytes"), ResponseBytes = Name("responseBytes"), Billable = Name("billable"), UsageComplete = Name("usageComplete"),
        SearchContextSize = Name("searchContextSize"), ServiceTier = Name("serviceTier"), ProviderCostUsd = Name("providerCostUsd"),
        CostUsd = Name("costUsd"), CostSource = Name("costSource"), PricingStatus = Name("pricingStatus"), PriceId = Name("priceId"),
        PricedAt = Name("pricedAt"), Dims = Name("dims"), DimensionRows = Name("dimensionRows"), PricingModel = Name("pricingModel"),
        InputTokens = Name("inputTokens"), CacheReadTokens = Name("cacheReadTokens"), CacheWrite5mTokens = Name("cacheWrite5mTokens"),
        CacheWrite1hTokens = Name("cacheWrite1hTokens"), OutputTokens = Name("outputTokens"), ReasoningTokens = Name("reasoningTokens"),
        AudioInputTokens = Name("audioInputTokens"), AudioOutputTokens = Name("audioOutputTokens"), ImageInputTokens = Name("imageInputTokens"),
        ImageOutputTokens = Name("imageOutputTokens"), WebSearchRequests = Name("webSearchRequests");

    public static void Write(Utf8JsonWriter writer, UsageRecord record)
    {
        if (record.DimensionRows.Count > 0)
        {
            JsonSerializer.Serialize(writer, record, UsageSpillJson.Options);
            return;
        }
        writer.WriteStartObject();
        writer.WriteNumber(Id, record.Id);
        writer.WriteString(RequestId, record.RequestId);
        writer.WriteString(UpstreamRequestId, record.UpstreamRequestId);
        writer.WriteBoolean(UpstreamIdIndexed, record.UpstreamIdIndexed);
        writer.WriteString(Timestamp, record.Timestamp);
        writer.WriteString(TenantId, record.TenantId);
        writer.WriteString(ApiKeyId, record.ApiKeyId);
        WriteNullable(writer, ConnectionId, record.ConnectionId);
        writer.WriteNumber(Source, (int)record.Source);
        writer.WriteBoolean(Estimated, record.Estimated);
        writer.WriteBoolean(Superseded, record.Superseded);
        writer.WriteString(Provider, record.Provider);
        writer.WriteString(Endpoint, record.Endpoint);
        writer.WriteString(ModelRequested, record.ModelRequested);
        writer.WriteString(ModelReported, record.ModelReported);
        writer.WriteBoolean(Stream, record.Stream);
        writer.WriteNumber(StatusCode, record.StatusCode);
        writer.WriteNumber(LatencyMs, record.LatencyMs);
        WriteNullable(writer, TimeToFirstByteMs, record.TimeToFirstByteMs);
        writer.WriteNumber(RequestBytes, record.RequestBytes);
        writer.WriteNumber(ResponseBytes, record.ResponseBytes);
        writer.WriteBoolean(Billable, record.Billable);
        writer.WriteBoolean(UsageComplete, record.UsageComplete);
        writer.WriteString(SearchContextSize, record.SearchContextSize);
        writer.WriteString(ServiceTier, record.ServiceTier);
        WriteNullable(writer, ProviderCostUsd, record.ProviderCostUsd);
        WriteNullable(writer, CostUsd, record.CostUsd);
        WriteNullable(writer, CostSource, (long?)record.CostSource);
        writer.WriteNumber(PricingStatus, (int)record.PricingStatus);
        WriteNullable(writer, PriceId, record.PriceId);
        WriteNullable(writer, PricedAt, record.PricedAt);
        writer.WriteStartObject(Dims);
        foreach (var (name, value) in record.Dims)
            writer.WriteString(name, value);
        writer.WriteEndObject();
        writer.WriteStartArray(DimensionRows);
        writer.WriteEndArray();
        writer.WriteString(PricingModel, record.PricingModel);
        // Flat on the record, as UsageSpillJson reads them.
        var tokens = record.Tokens;
        writer.WriteNumber(InputTokens, tokens.InputTokens);
        writer.WriteNumber(CacheReadTokens, tokens.CacheReadTokens);
        writer.WriteNumber(CacheWrite5mTokens, tokens.CacheWrite5mTokens);
        writer.WriteNumber(CacheWrite1hTokens, tokens.CacheWrite1hTokens);
        writer.WriteNumber(OutputTokens, tokens.OutputTokens);
        writer.WriteNumber(ReasoningTokens, tokens.ReasoningTokens);
        writer.WriteNumber(AudioInputTokens, tokens.AudioInputTokens);
        writer.WriteNumber(AudioOutputTokens, tokens.AudioOutputTokens);
        writer.WriteNumber(ImageInputTokens, tokens.ImageInputTokens);
        writer.WriteNumber(ImageOutputTokens, tokens.ImageOutputTokens);
        writer.WriteNumber(WebSearchRequests, tokens.WebSearchRequests);
        writer.WriteEndObject();
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, UsageSpillJson.Options.Encoder);

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, Guid? value)
    {
        if (value is { } v) writer.WriteString(name, v);
        else writer.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } v) writer.WriteString(name, v);
        else writer.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, decimal? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, long? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
