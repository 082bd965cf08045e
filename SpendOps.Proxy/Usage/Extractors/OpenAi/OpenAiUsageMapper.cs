namespace SpendOps.Proxy.Usage.Extractors.OpenAi;

/// <summary>
/// Normalises an OpenAI-shaped usage object so that no token is counted twice (providers.md §0.5, §15).
/// </summary>
/// <remarks>
/// <para>Input: <c>prompt_tokens</c> includes cache reads (OpenAI, DeepSeek, xAI and the compatible providers),
/// OpenRouter's cache writes, and audio and image input, which are priced apart; so uncached input is what is
/// left, clamped at zero. Perplexity <c>citation_tokens</c> are billed at the input rate and reported outside
/// <c>prompt_tokens</c>, so they are added to it.</para>
/// <para>Output: <c>completion_tokens</c> includes reasoning and audio output. Some providers report reasoning
/// outside it (xAI reasoning models, Gemini's OpenAI surface, Perplexity deep research). The rule: reasoning is
/// extra output when <c>total == prompt + completion + reasoning</c>, or when it is larger than
/// <c>completion_tokens</c> and so cannot be part of it.</para>
/// </remarks>
internal static class OpenAiUsageMapper
{
    private const decimal TicksPerUsd = 10_000_000_000m;

    /// <summary>
    /// Overwrites every usage counter of <paramref name="observation"/> ("last usage wins"; never summed).
    /// <paramref name="outputIsImage"/> is for the images endpoints, whose output tokens are image tokens unless
    /// the details say otherwise.
    /// </summary>
    public static void Apply(in OpenAiUsage usage, UsageObservation observation, bool outputIsImage)
    {
        var prompt = usage.PromptTokens ?? 0;
        var completion = usage.CompletionTokens ?? 0;
        var cached = usage.CachedTokens ?? usage.PromptCacheHitTokens ?? 0;
        var cacheWrite = usage.CacheWriteTokens ?? 0;
        var audioIn = usage.AudioInputTokens ?? 0;
        var imageIn = usage.ImageInputTokens ?? 0;
        var reasoning = usage.ReasoningTokens ?? usage.TopLevelReasoningTokens ?? 0;
        var audioOut = usage.AudioOutputTokens ?? 0;
        var imageOut = usage.ImageOutputTokens ?? (outputIsImage ? completion : 0);

        var reasoningOutside = reasoning > 0 && (usage.TotalTokens == prompt + completion + reasoning || reasoning > completion);

        observation.UsageFound = true;
        var tokens = observation.Tokens;
        tokens.InputTokens = Math.Max(0, prompt - cached - cacheWrite - audioIn - imageIn) + (usage.CitationTokens ?? 0);
        tokens.CacheReadTokens = cached;

        // OpenRouter reports writes without a TTL; Anthropic's default (and the only one OpenRouter sets) is 5 minutes.
        tokens.CacheWrite5mTokens = cacheWrite;
        tokens.CacheWrite1hTokens = 0;
        tokens.OutputTokens = Math.Max(0, completion - audioOut - imageOut) + (reasoningOutside ? reasoning : 0);
        tokens.ReasoningTokens = reasoning;
        tokens.AudioInputTokens = audioIn;
        tokens.AudioOutputTokens = audioOut;
        tokens.ImageInputTokens = imageIn;
        tokens.ImageOutputTokens = imageOut;
        observation.SearchContextSize = usage.SearchContextSize;
        observation.ProviderCostUsd = usage.CostTicks is { } ticks ? ticks / TicksPerUsd : usage.Cost ?? usage.EstimatedCost;
        if (usage.SearchQueries is { } queries)
            tokens.WebSearchRequests = (int)Math.Clamp(queries, 0, int.MaxValue);
    }
}
