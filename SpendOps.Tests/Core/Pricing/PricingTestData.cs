using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>Builders for prices and usage records in pricing tests.</summary>
internal static class PricingTestData
{
    public static ModelPrice Price(decimal input, decimal output, decimal? cacheRead = null, decimal? reasoning = null, decimal? audioIn = null, decimal? audioOut = null) => new()
    {
        ModelKey = "test-model",
        CreatedBy = "test",
        InputPerMTok = input,
        OutputPerMTok = output,
        CacheReadPerMTok = cacheRead,
        ReasoningPerMTok = reasoning,
        AudioInputPerMTok = audioIn,
        AudioOutputPerMTok = audioOut,
    };

    public static UsageRecord UsageOf(
        long input = 0, long cacheRead = 0, long cacheWrite5m = 0, long cacheWrite1h = 0, long output = 0, long reasoning = 0,
        long audioIn = 0, long audioOut = 0, int webSearches = 0, string? searchContext = null) => new()
    {
        RequestId = "test",
        Provider = "test",
        Endpoint = "chat",
        Tokens = new TokenCounts
        {
            InputTokens = input,
            CacheReadTokens = cacheRead,
            CacheWrite5mTokens = cacheWrite5m,
            CacheWrite1hTokens = cacheWrite1h,
            OutputTokens = output,
            ReasoningTokens = reasoning,
            AudioInputTokens = audioIn,
            AudioOutputTokens = audioOut,
            WebSearchRequests = webSearches,
        },
        SearchContextSize = searchContext,
        UsageComplete = true,
    };
}
