using System.Text.Json;

namespace SpendOps.Proxy.Usage.Extractors.OpenAi;

/// <summary>
/// The raw counters of an OpenAI-shaped <c>usage</c> object, as the provider wrote them (null = absent). Covers
/// Chat Completions (<c>prompt_tokens</c>…), Responses, images and transcriptions (<c>input_tokens</c>…), and the
/// extras of OpenAI-compatible providers. <see cref="OpenAiUsageMapper"/> turns it into normalised counters.
/// </summary>
internal struct OpenAiUsage
{
    private static readonly string[] ContextSizes = ["low", "medium", "high"];

    public long? PromptTokens;
    public long? CompletionTokens;
    public long? TotalTokens;
    public long? CachedTokens;
    public long? CacheWriteTokens;
    public long? AudioInputTokens;
    public long? ImageInputTokens;
    public long? ReasoningTokens;
    public long? AudioOutputTokens;
    public long? ImageOutputTokens;

    /// <summary>DeepSeek: the cached part of <see cref="PromptTokens"/>, also given as <c>cached_tokens</c>.</summary>
    public long? PromptCacheHitTokens;

    /// <summary>Perplexity deep research: top-level <c>reasoning_tokens</c>, <c>citation_tokens</c>, <c>num_search_queries</c>.</summary>
    public long? TopLevelReasoningTokens;
    public long? CitationTokens;
    public long? SearchQueries;

    /// <summary>xAI <c>cost_in_usd_ticks</c> (1 USD = 1e10 ticks).</summary>
    public long? CostTicks;

    /// <summary>OpenRouter <c>cost</c> (credits = USD) or Perplexity <c>cost.total_cost</c>.</summary>
    public decimal? Cost;

    /// <summary>DeepInfra <c>estimated_cost</c>.</summary>
    public decimal? EstimatedCost;

    public string? SearchContextSize;

    /// <summary>True when the object had at least one token counter (a <c>whisper-1</c> duration usage has none).</summary>
    public readonly bool HasTokens => PromptTokens is not null || CompletionTokens is not null || TotalTokens is not null;

    /// <summary>Reads a captured <c>usage</c> value; false for <c>null</c>, non-objects and objects without token counters.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out OpenAiUsage usage)
    {
        usage = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8))
                usage.PromptTokens = ReadLong(ref reader) ?? usage.PromptTokens;
            else if (reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8))
                usage.CompletionTokens = ReadLong(ref reader) ?? usage.CompletionTokens;
            else if (reader.ValueTextEquals("total_tokens"u8))
                usage.TotalTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("prompt_tokens_details"u8) || reader.ValueTextEquals("input_tokens_details"u8)
                     || reader.ValueTextEquals("input_token_details"u8))
                ReadInputDetails(ref reader, ref usage);
            else if (reader.ValueTextEquals("completion_tokens_details"u8) || reader.ValueTextEquals("output_tokens_details"u8))
                ReadOutputDetails(ref reader, ref usage);
            else if (reader.ValueTextEquals("prompt_cache_hit_tokens"u8))
                usage.PromptCacheHitTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("reasoning_tokens"u8))
                usage.TopLevelReasoningTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("citation_tokens"u8))
                usage.CitationTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("num_search_queries"u8))
                usage.SearchQueries = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cost_in_usd_ticks"u8))
                usage.CostTicks = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cost"u8))
                usage.Cost = ReadCost(ref reader);
            else if (reader.ValueTextEquals("estimated_cost"u8))
                usage.EstimatedCost = ReadDecimal(ref reader);
            else if (reader.ValueTextEquals("search_context_size"u8))
                usage.SearchContextSize = ReadKnownString(ref reader);
            else
                Skip(ref reader);
        }

        return usage.HasTokens;
    }

    private static void ReadInputDetails(ref Utf8JsonReader reader, ref OpenAiUsage usage)
    {
        if (!EnterObject(ref reader))
            return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
                usage.CachedTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("cache_write_tokens"u8))
                usage.CacheWriteTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("audio_tokens"u8))
                usage.AudioInputTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("image_tokens"u8))
                usage.ImageInputTokens = ReadLong(ref reader);
            else
                Skip(ref reader);
        }
    }

    private static void ReadOutputDetails(ref Utf8JsonReader reader, ref OpenAiUsage usage)
    {
        if (!EnterObject(ref reader))
            return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("reasoning_tokens"u8))
                usage.ReasoningTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("audio_tokens"u8))
                usage.AudioOutputTokens = ReadLong(ref reader);
            else if (reader.ValueTextEquals("image_tokens"u8))
                usage.ImageOutputTokens = ReadLong(ref reader);
            else
                Skip(ref reader);
        }
    }

    /// <summary>OpenRouter writes <c>cost</c> as a number; Perplexity as an object with <c>total_cost</c>.</summary>
    private static decimal? ReadCost(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            return JsonValues.ReadDecimal(ref reader);

        decimal? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("total_cost"u8))
                total = ReadDecimal(ref reader);
            else
                Skip(ref reader);
        }

        return total;
    }

    private static bool EnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
            return true;
        reader.Skip();
        return false;
    }

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return JsonValues.ReadLong(ref reader);
    }

    private static decimal? ReadDecimal(ref Utf8JsonReader reader)
    {
        reader.Read();
        return JsonValues.ReadDecimal(ref reader);
    }

    private static string? ReadKnownString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return JsonValues.ReadKnownString(ref reader, ContextSizes);
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
