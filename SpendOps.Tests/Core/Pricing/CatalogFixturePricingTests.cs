using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>
/// The fixture calls of providers.md Appendix A, priced end to end from the embedded catalog as the proxy
/// reports them (provider segment + reported model): the catalog must yield the rates the hand-worked
/// totals of <see cref="CostCalculatorTests"/> assume.
/// </summary>
public sealed class CatalogFixturePricingTests(EmbeddedCatalogFixture catalog) : IClassFixture<EmbeddedCatalogFixture>
{

    [Theory]
    // 516 × $2/M + 1024 × $0.5/M + 12 × $8/M = 0.001032 + 0.000512 + 0.000096
    [InlineData("openai", "gpt-4.1-2025-04-14", 516, 1024, 0, 0, 12, 0, 0, "gpt-4.1-2025-04-14", "0.00164")]
    // 180 × $1.1/M + 1920 × $0.275/M + 150 × $4.4/M = 0.000198 + 0.000528 + 0.00066
    [InlineData("openai", "o4-mini-2025-04-16", 180, 1920, 0, 0, 150, 128, 0, "o4-mini-2025-04-16", "0.001386")]
    // 12 × $3/M + 10240 × $0.3/M + 2048 × $3.75/M + 11 × $15/M = 0.000036 + 0.003072 + 0.00768 + 0.000165
    [InlineData("anthropic", "claude-sonnet-4-5-20250929", 12, 10240, 2048, 0, 11, 0, 0, "claude-sonnet-4-5-20250929", "0.010953")]
    // 1h write at 2 × $3/M: 0.000036 + 0.003072 + 2048 × $6/M (0.012288) + 0.000165
    [InlineData("anthropic", "claude-sonnet-4-5-20250929", 12, 10240, 0, 2048, 11, 0, 0, "claude-sonnet-4-5-20250929", "0.015561")]
    // 6210 × $3/M + 48 × $15/M + 1 search × $0.01 = 0.01863 + 0.00072 + 0.01
    [InlineData("anthropic", "claude-sonnet-4-5-20250929", 6210, 0, 0, 0, 48, 0, 1, "claude-sonnet-4-5-20250929", "0.02935")]
    // 104 × $0.3/M + 4096 × $0.03/M + 10 × $2.5/M + 200 × $2.5/M = 0.0000312 + 0.00012288 + 0.000025 + 0.0005
    [InlineData("google", "gemini-2.5-flash", 104, 4096, 0, 0, 210, 200, 0, "gemini/gemini-2.5-flash", "0.00067908")]
    // 20 × $0.28/M + 1280 × $0.028/M + 200 × $0.42/M = 0.0000056 + 0.00003584 + 0.000084
    [InlineData("deepseek", "deepseek-reasoner", 20, 1280, 0, 0, 200, 180, 0, "deepseek-reasoner", "0.00012544")]
    // 40 × $0.59/M + 3 × $0.79/M = 0.0000236 + 0.00000237
    [InlineData("groq", "llama-3.3-70b-versatile", 40, 0, 0, 0, 3, 0, 0, "groq/llama-3.3-70b-versatile", "0.00002597")]
    // 9 × $1/M + 402 × $1/M + $0.005 (low context request fee) = 0.000009 + 0.000402 + 0.005
    [InlineData("perplexity", "sonar", 9, 0, 0, 0, 402, 0, 0, "perplexity/sonar", "0.005411")]
    // 186 × $3/M + 1024 × $0.3/M + 5 × $15/M = 0.000558 + 0.0003072 + 0.000075
    [InlineData("openrouter", "anthropic/claude-sonnet-4.5", 186, 1024, 0, 0, 5, 0, 0, "openrouter/anthropic/claude-sonnet-4.5", "0.0009402")]
    public void Resolve_FixtureCall_CatalogPriceGivesHandWorkedCost(
        string provider, string model, long input, long cacheRead, long cacheWrite5m, long cacheWrite1h, long output, long reasoning, int webSearches,
        string expectedKey, string expectedCost)
    {
        var usage = new UsageRecord
        {
            RequestId = "fixture",
            Provider = provider,
            Endpoint = "chat",
            ModelReported = model,
            Timestamp = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero),
            Tokens = new TokenCounts
            {
                InputTokens = input,
                CacheReadTokens = cacheRead,
                CacheWrite5mTokens = cacheWrite5m,
                CacheWrite1hTokens = cacheWrite1h,
                OutputTokens = output,
                ReasoningTokens = reasoning,
                WebSearchRequests = webSearches,
            },
            SearchContextSize = provider == "perplexity" ? "low" : null,
        };

        var resolved = catalog.Resolver.Resolve(usage);

        Assert.NotNull(resolved);
        Assert.Equal(expectedKey, resolved.Price.ModelKey);
        Assert.Equal(decimal.Parse(expectedCost, System.Globalization.CultureInfo.InvariantCulture), CostCalculator.Calculate(usage, resolved.Price).Total);
    }

    [Fact]
    public void Resolve_SonnetFromCatalog_HasLongContextTier()
    {
        var price = catalog.Resolver.Resolve(Guid.NewGuid(), "anthropic", "claude-sonnet-4-5", DateTimeOffset.UtcNow)!.Price;

        // input_cost_per_token_above_200k_tokens 6e-06, output 2.25e-05, cache read 6e-07, cache write 7.5e-06
        Assert.Equal(200_000, price.ThresholdTokens);
        Assert.Equal(6m, price.InputAboveThresholdPerMTok);
        Assert.Equal(22.5m, price.OutputAboveThresholdPerMTok);
        Assert.Equal(0.6m, price.CacheReadAboveThresholdPerMTok);
        Assert.Equal(7.5m, price.CacheWrite5mAboveThresholdPerMTok);
        Assert.Null(price.CacheWrite1hPerMTok);
    }

    [Fact]
    public void Resolve_NebiusModel_IsUnpriced()
    {
        Assert.Null(catalog.Resolver.Resolve(Guid.NewGuid(), "nebius", "meta-llama/Llama-3.3-70B-Instruct", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Resolve_OpenAiPriorityTier_UsesPriorityRates()
    {
        // gpt-4.1: input_cost_per_token_priority 3.5e-06, output 1.4e-05, cache read 8.75e-07
        var price = catalog.Resolver.Resolve(Guid.NewGuid(), "openai", "gpt-4.1", DateTimeOffset.UtcNow, "priority")!.Price;

        Assert.Equal("priority", price.ServiceTier);
        Assert.Equal(3.5m, price.InputPerMTok);
        Assert.Equal(14m, price.OutputPerMTok);
        Assert.Equal(0.875m, price.CacheReadPerMTok);
    }
}
