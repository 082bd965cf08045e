using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>
/// The cost of one usage record under one price, in exact decimal arithmetic (providers.md §15). Pure: no
/// clock, no database.
/// </summary>
/// <remarks>
/// <para>The record's counters never overlap (see <see cref="TokenCounts"/>): uncached input, cache reads,
/// cache writes, audio and image tokens are separate, and <see cref="TokenCounts.OutputTokens"/> already
/// contains <see cref="TokenCounts.ReasoningTokens"/>. So reasoning is never added on top of output: it is
/// only moved to its own rate where the price has one.</para>
/// <para>Threshold tiers (200k / 128k) switch the rates of the whole request when the prompt (uncached input +
/// cache reads + cache writes + audio and image input) is strictly over the threshold.</para>
/// <para>Fallbacks for rates the price does not list: cache read → input rate; cache write 5m → input rate (the
/// catalog lists <c>cache_creation_input_token_cost</c> wherever writes cost more, e.g. 1.25× on Anthropic;
/// OpenAI, Gemini and DeepSeek do not charge extra to write); cache write 1h → 2 × input (Anthropic's rule,
/// the only provider with 1-hour writes; the catalog lacks it for e.g. claude-sonnet-4-5); reasoning → output;
/// audio and image tokens → the text rate of their direction (the audio rate replaces the text rate, it is not
/// added); above the threshold, a missing above-threshold rate → the base rate (cache write 1h → 2 × the
/// above-threshold input rate).</para>
/// </remarks>
public static class CostCalculator
{
    private const decimal Million = 1_000_000m;

    public static CostBreakdown Calculate(UsageRecord usage, ModelPrice price, decimal discountPercent = 0m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(discountPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(discountPercent, 100m);
        var tokens = usage.Tokens;

        var promptTokens = tokens.InputTokens + tokens.CacheReadTokens + tokens.CacheWrite5mTokens + tokens.CacheWrite1hTokens
            + tokens.AudioInputTokens + tokens.ImageInputTokens;
        var above = price.ThresholdTokens is { } threshold && promptTokens > threshold;

        var input = above ? price.InputAboveThresholdPerMTok ?? price.InputPerMTok : price.InputPerMTok;
        var output = above ? price.OutputAboveThresholdPerMTok ?? price.OutputPerMTok : price.OutputPerMTok;
        var cacheRead = (above ? price.CacheReadAboveThresholdPerMTok : null) ?? price.CacheReadPerMTok ?? input;
        var cacheWrite5m = (above ? price.CacheWrite5mAboveThresholdPerMTok : null) ?? price.CacheWrite5mPerMTok ?? input;
        var cacheWrite1h = above ? price.CacheWrite1hAboveThresholdPerMTok ?? 2m * input : price.CacheWrite1hPerMTok ?? 2m * input;

        var reasoningTokens = price.ReasoningPerMTok is null ? 0 : Math.Clamp(tokens.ReasoningTokens, 0, Math.Max(tokens.OutputTokens, 0));
        var reasoning = Cost(reasoningTokens, price.ReasoningPerMTok ?? 0m);
        var outputCost = Cost(tokens.OutputTokens - reasoningTokens, output);

        var audio = Cost(tokens.AudioInputTokens, price.AudioInputPerMTok ?? input) + Cost(tokens.AudioOutputTokens, price.AudioOutputPerMTok ?? output);
        var image = Cost(tokens.ImageInputTokens, price.ImageInputPerMTok ?? input) + Cost(tokens.ImageOutputTokens, price.ImageOutputPerMTok ?? output);

        var subtotalWithoutDiscount = new CostBreakdown(
            Input: Cost(tokens.InputTokens, input),
            CacheRead: Cost(tokens.CacheReadTokens, cacheRead),
            CacheWrite5m: Cost(tokens.CacheWrite5mTokens, cacheWrite5m),
            CacheWrite1h: Cost(tokens.CacheWrite1hTokens, cacheWrite1h),
            Output: outputCost,
            Reasoning: reasoning,
            Audio: audio,
            Image: image,
            RequestFees: RequestFees(usage, price),
            Discount: 0m,
            AboveThreshold: above);
        return discountPercent == 0m
            ? subtotalWithoutDiscount
            : subtotalWithoutDiscount with { Discount = subtotalWithoutDiscount.Subtotal * discountPercent / 100m };
    }

    private static decimal RequestFees(UsageRecord usage, ModelPrice price)
    {
        var fee = (usage.SearchContextSize?.Trim().ToLowerInvariant() switch
        {
            "medium" => price.SearchFeeMedium,
            "high" => price.SearchFeeHigh,
            _ => price.SearchFeeLow, // Perplexity's default search_context_size is low.
        }) ?? price.SearchFeeLow ?? price.SearchFeeMedium ?? price.SearchFeeHigh ?? 0m;

        // Sonar bills one search fee per request. Deep research also reports num_search_queries, and the
        // catalog's fee for it is per query, hence at least one.
        long searches = price.SearchFeePerRequest ? Math.Max(1, usage.Tokens.WebSearchRequests) : Math.Max(0, usage.Tokens.WebSearchRequests);
        return (price.RequestFee ?? 0m) + searches * fee;
    }

    private static decimal Cost(long tokens, decimal perMillion) => tokens * perMillion / Million;
}
