using System.Text.Json;

namespace SpendOps.Proxy.Usage.Extractors.Anthropic;

/// <summary>
/// The counters of an Anthropic Messages <c>usage</c> object (null = absent), with the streaming merge rule:
/// start from <c>message_start.message.usage</c> and overwrite each field with any non-null value from a later
/// <c>message_delta.usage</c>. The values are cumulative, so they are replaced, never added.
/// </summary>
internal struct AnthropicUsage
{
    public long? InputTokens;
    public long? CacheCreationInputTokens;
    public long? CacheReadInputTokens;
    public long? Ephemeral5mInputTokens;
    public long? Ephemeral1hInputTokens;
    public long? OutputTokens;
    public long? WebSearchRequests;
    public string? ServiceTier;

    /// <summary>Reads a captured <c>usage</c> value; false for <c>null</c> and non-objects.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out AnthropicUsage usage)
    {
        usage = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
                usage.InputTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
                usage.CacheCreationInputTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
                usage.CacheReadInputTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("output_tokens"u8))
                usage.OutputTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cache_creation"u8))
                ReadObject(ref reader, ref usage, cacheCreation: true);
            else if (reader.ValueTextEquals("server_tool_use"u8))
                ReadObject(ref reader, ref usage, cacheCreation: false);
            else if (reader.ValueTextEquals("service_tier"u8))
            {
                reader.Read();
                usage.ServiceTier = JsonValues.ReadKnownString(ref reader, JsonValues.ServiceTiers);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    /// <summary>Overwrites each field that <paramref name="later"/> reports.</summary>
    public void Merge(in AnthropicUsage later)
    {
        InputTokens = later.InputTokens ?? InputTokens;
        CacheCreationInputTokens = later.CacheCreationInputTokens ?? CacheCreationInputTokens;
        CacheReadInputTokens = later.CacheReadInputTokens ?? CacheReadInputTokens;
        Ephemeral5mInputTokens = later.Ephemeral5mInputTokens ?? Ephemeral5mInputTokens;
        Ephemeral1hInputTokens = later.Ephemeral1hInputTokens ?? Ephemeral1hInputTokens;
        OutputTokens = later.OutputTokens ?? OutputTokens;
        WebSearchRequests = later.WebSearchRequests ?? WebSearchRequests;
        ServiceTier = later.ServiceTier ?? ServiceTier;
    }

    // cache_creation: {ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}; server_tool_use: {web_search_requests, ...}.
    private static void ReadObject(ref Utf8JsonReader reader, ref AnthropicUsage usage, bool cacheCreation)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (cacheCreation && reader.ValueTextEquals("ephemeral_5m_input_tokens"u8))
                usage.Ephemeral5mInputTokens = ReadLong(ref reader);
            else if (cacheCreation && reader.ValueTextEquals("ephemeral_1h_input_tokens"u8))
                usage.Ephemeral1hInputTokens = ReadLong(ref reader);
            else if (!cacheCreation && reader.ValueTextEquals("web_search_requests"u8))
                usage.WebSearchRequests = ReadLong(ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return JsonValues.ReadLong(ref reader);
    }
}
