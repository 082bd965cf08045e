using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using static SpendOps.Tests.Core.Pricing.PricingTestData;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>
/// Costs worked out by hand from the catalog rates (USD per million tokens, copied from
/// model_prices_and_context_window.json; the per-token value is in each comment) and the token counts of the
/// fixtures in providers.md Appendix A. The expected numbers are written out, never computed by the calculator.
/// </summary>
public sealed class CostCalculatorTests
{

    private sealed record Case(UsageRecord Usage, ModelPrice Price, decimal Expected);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // gpt-4.1-2025-04-14: input 2e-06, cache read 5e-07, output 8e-06. openai-chat.json: 516 uncached + 1024 cached, 12 out.
        // 516 × $2/M + 1024 × $0.5/M + 12 × $8/M = 0.001032 + 0.000512 + 0.000096 = 0.00164
        ["openai gpt-4.1 cache hit"] = new(UsageOf(input: 516, cacheRead: 1024, output: 12), Price(input: 2m, output: 8m, cacheRead: 0.5m), 0.00164m),

        // o4-mini-2025-04-16: input 1.1e-06, cache read 2.75e-07, output 4.4e-06. openai-responses.json: 180 + 1920 cached, 150 out of which 128 reasoning.
        // 180 × $1.1/M + 1920 × $0.275/M + 150 × $4.4/M = 0.000198 + 0.000528 + 0.00066 = 0.001386 (the 128 reasoning tokens are inside the 150)
        ["openai o4-mini reasoning"] = new(UsageOf(input: 180, cacheRead: 1920, output: 150, reasoning: 128), Price(input: 1.1m, output: 4.4m, cacheRead: 0.275m), 0.001386m),

        // claude-sonnet-4-5: input 3e-06, cache read 3e-07, cache write 3.75e-06, output 1.5e-05. anthropic-messages.json: 12, 10240 read, 2048 written (5m), 11 out.
        // 12 × $3/M + 10240 × $0.3/M + 2048 × $3.75/M + 11 × $15/M = 0.000036 + 0.003072 + 0.00768 + 0.000165 = 0.010953
        ["anthropic sonnet 4.5 cache write 5m"] = new(UsageOf(input: 12, cacheRead: 10240, cacheWrite5m: 2048, output: 11), Sonnet45(), 0.010953m),

        // Same call with a 1-hour write (anthropic-messages.sse). The catalog has no cache_creation_input_token_cost_above_1hr for
        // claude-sonnet-4-5, so 1h writes cost 2 × input = $6/M: 0.000036 + 0.003072 + 2048 × $6/M (0.012288) + 0.000165 = 0.015561
        ["anthropic sonnet 4.5 cache write 1h"] = new(UsageOf(input: 12, cacheRead: 10240, cacheWrite1h: 2048, output: 11), Sonnet45(), 0.015561m),

        // anthropic-messages-websearch.json: 6210 in, 48 out, 1 web search; search_context_cost_per_query low = 0.01 per search.
        // 6210 × $3/M + 48 × $15/M + 1 × $0.01 = 0.01863 + 0.00072 + 0.01 = 0.02935
        ["anthropic sonnet 4.5 web search"] = new(UsageOf(input: 6210, output: 48, webSearches: 1), Sonnet45(), 0.02935m),

        // gemini/gemini-2.5-flash: input 3e-07, cache read 3e-08, output 2.5e-06, output_cost_per_reasoning_token 2.5e-06.
        // gemini-generate.json: 4200 prompt - 4096 cached = 104, 10 candidates + 200 thoughts = 210 out, 200 reasoning.
        // 104 × $0.3/M + 4096 × $0.03/M + 10 × $2.5/M + 200 × $2.5/M = 0.0000312 + 0.00012288 + 0.000025 + 0.0005 = 0.00067908
        ["gemini 2.5 flash thoughts"] = new(UsageOf(input: 104, cacheRead: 4096, output: 210, reasoning: 200), Price(input: 0.3m, output: 2.5m, cacheRead: 0.03m, reasoning: 2.5m), 0.00067908m),

        // deepseek-reasoner: input 2.8e-07, cache read 2.8e-08, output 4.2e-07. deepseek-chat.json: 20 miss, 1280 hit, 200 out (180 reasoning).
        // 20 × $0.28/M + 1280 × $0.028/M + 200 × $0.42/M = 0.0000056 + 0.00003584 + 0.000084 = 0.00012544
        ["deepseek reasoner cache hit"] = new(UsageOf(input: 20, cacheRead: 1280, output: 200, reasoning: 180), Price(input: 0.28m, output: 0.42m, cacheRead: 0.028m), 0.00012544m),

        // groq/llama-3.3-70b-versatile: input 5.9e-07, output 7.9e-07. groq-chat.sse: 40 in, 3 out.
        // 40 × $0.59/M + 3 × $0.79/M = 0.0000236 + 0.00000237 = 0.00002597
        ["groq llama 3.3 70b"] = new(UsageOf(input: 40, output: 3), Price(input: 0.59m, output: 0.79m), 0.00002597m),

        // perplexity/sonar: input 1e-06, output 1e-06, search context low 0.005 per request. perplexity-chat.json: 9 in, 402 out, low.
        // 9 × $1/M + 402 × $1/M + $0.005 = 0.000009 + 0.000402 + 0.005 = 0.005411 (what Perplexity reported)
        ["perplexity sonar low context"] = new(UsageOf(input: 9, output: 402, searchContext: "low"), Perplexity(), 0.005411m),

        // Same call at high context: 0.000009 + 0.000402 + $0.012 = 0.012411
        ["perplexity sonar high context"] = new(UsageOf(input: 9, output: 402, searchContext: "high"), Perplexity(), 0.012411m),

        // No size reported: Perplexity's default is low. 0.000009 + 0.000402 + 0.005 = 0.005411
        ["perplexity sonar default context"] = new(UsageOf(input: 9, output: 402), Perplexity(), 0.005411m),

        // openrouter/anthropic/claude-sonnet-4.5: input 3e-06, cache read 3e-07, output 1.5e-05. openrouter-chat.sse: 186 + 1024 cached, 5 out.
        // 186 × $3/M + 1024 × $0.3/M + 5 × $15/M = 0.000558 + 0.0003072 + 0.000075 = 0.0009402
        ["openrouter sonnet 4.5"] = new(UsageOf(input: 186, cacheRead: 1024, output: 5), Price(input: 3m, output: 15m, cacheRead: 0.3m), 0.0009402m),

        // 200k tier, just below: prompt 150000 + 50000 cached = 200000, not over the threshold, so base rates.
        // 150000 × $3/M + 50000 × $0.3/M + 1000 × $15/M = 0.45 + 0.015 + 0.015 = 0.48
        ["sonnet 4.5 prompt exactly 200k"] = new(UsageOf(input: 150_000, cacheRead: 50_000, output: 1000), Sonnet45(), 0.48m),

        // 200k tier, just above: 150001 + 50000 = 200001 > 200000, so the whole request at the above-200k rates
        // (input 6e-06, cache read 6e-07, output 2.25e-05): 150001 × $6/M + 50000 × $0.6/M + 1000 × $22.5/M = 0.900006 + 0.03 + 0.0225 = 0.952506
        ["sonnet 4.5 prompt 200001"] = new(UsageOf(input: 150_001, cacheRead: 50_000, output: 1000), Sonnet45(), 0.952506m),

        // Cache writes count towards the prompt size: 100000 + 100001 written = 200001 > 200k.
        // 100000 × $6/M + 100001 × $7.5/M (cache_creation_input_token_cost_above_200k_tokens 7.5e-06) = 0.6 + 0.7500075 = 1.3500075
        ["sonnet 4.5 cache write pushes over 200k"] = new(UsageOf(input: 100_000, cacheWrite5m: 100_001), Sonnet45(), 1.3500075m),

        // Above 200k, 1h writes: no above-threshold 1h rate in the catalog, so 2 × the above-threshold input = $12/M.
        // 150001 × $6/M + 50000 × $12/M = 0.900006 + 0.6 = 1.500006
        ["sonnet 4.5 1h write above 200k"] = new(UsageOf(input: 150_001, cacheWrite1h: 50_000), Sonnet45(), 1.500006m),

        // gpt-4o-audio-preview: input 2.5e-06, output 1e-05, audio in 4e-05, audio out 8e-05. 100 text in, 1000 audio in, 50 text out, 500 audio out.
        // Audio at the audio rate instead of the text rate: 100 × $2.5/M + 1000 × $40/M + 50 × $10/M + 500 × $80/M
        // = 0.00025 + 0.04 + 0.0005 + 0.04 = 0.08075
        ["openai audio tokens"] = new(UsageOf(input: 100, output: 50, audioIn: 1000, audioOut: 500), Price(input: 2.5m, output: 10m, audioIn: 40m, audioOut: 80m), 0.08075m),

        // Audio without an audio rate falls back to the text rate (not zero): 100 × $2.5/M + 1000 × $2.5/M + 50 × $10/M + 500 × $10/M
        // = 0.00025 + 0.0025 + 0.0005 + 0.005 = 0.00825
        ["audio without audio rate"] = new(UsageOf(input: 100, output: 50, audioIn: 1000, audioOut: 500), Price(input: 2.5m, output: 10m), 0.00825m),

        // Reasoning priced separately, never twice: 300 out of which 200 reasoning, output $10/M, reasoning $4/M.
        // 100 × $10/M + 200 × $4/M = 0.001 + 0.0008 = 0.0018 (not 300 × $10/M + 200 × $4/M = 0.0038)
        ["reasoning at its own rate"] = new(UsageOf(output: 300, reasoning: 200), Price(input: 1m, output: 10m, reasoning: 4m), 0.0018m),

        // Reasoning without its own rate is output: 300 × $10/M = 0.003 (not 500 × $10/M = 0.005)
        ["reasoning inside output"] = new(UsageOf(output: 300, reasoning: 200), Price(input: 1m, output: 10m), 0.003m),

        // Cache read without a cache price costs the input rate: 1000 × $2/M + 1000 × $2/M = 0.004
        ["cache read without cache price"] = new(UsageOf(input: 1000, cacheRead: 1000), Price(input: 2m, output: 8m), 0.004m),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Calculate_FixtureCase_MatchesHandWorkedTotal(string name)
    {
        var c = Cases[name];

        var cost = CostCalculator.Calculate(c.Usage, c.Price);

        Assert.Equal(c.Expected, cost.Total);
    }

    [Fact]
    public void Calculate_AnthropicCacheWrites_BreakdownSeparatesKinds()
    {
        var usage = UsageOf(input: 12, cacheRead: 10240, cacheWrite5m: 2048, cacheWrite1h: 1000, output: 11);

        var cost = CostCalculator.Calculate(usage, Sonnet45());

        Assert.Equal(0.000036m, cost.Input);         // 12 × $3/M
        Assert.Equal(0.003072m, cost.CacheRead);     // 10240 × $0.3/M
        Assert.Equal(0.00768m, cost.CacheWrite5m);   // 2048 × $3.75/M
        Assert.Equal(0.006m, cost.CacheWrite1h);     // 1000 × $6/M (2 × input)
        Assert.Equal(0.000165m, cost.Output);        // 11 × $15/M
        Assert.Equal(0m, cost.Reasoning);
        Assert.False(cost.AboveThreshold);
        Assert.Equal(0.016953m, cost.Total);         // 0.000036 + 0.003072 + 0.00768 + 0.006 + 0.000165
    }

    [Fact]
    public void Calculate_GeminiThoughts_ReasoningSeparatedFromVisibleOutput()
    {
        var cost = CostCalculator.Calculate(UsageOf(input: 104, cacheRead: 4096, output: 210, reasoning: 200), Price(input: 0.3m, output: 2.5m, cacheRead: 0.03m, reasoning: 2.5m));

        Assert.Equal(0.000025m, cost.Output);    // 10 visible × $2.5/M
        Assert.Equal(0.0005m, cost.Reasoning);   // 200 thoughts × $2.5/M
    }

    [Fact]
    public void Calculate_WithDiscount_TakesPercentOffTotal()
    {
        // gpt-4.1 call above: 0.00164 before discount; 15 % off = 0.000246; 0.00164 - 0.000246 = 0.001394
        var cost = CostCalculator.Calculate(UsageOf(input: 516, cacheRead: 1024, output: 12), Price(input: 2m, output: 8m, cacheRead: 0.5m), discountPercent: 15m);

        Assert.Equal(0.00164m, cost.Subtotal);
        Assert.Equal(0.000246m, cost.Discount);
        Assert.Equal(0.001394m, cost.Total);
    }

    [Fact]
    public void Calculate_FlatRequestFee_AddedOncePerRequest()
    {
        // perplexity/pplx-70b-online style: input_cost_per_request 0.005, tokens 1e-06 each way: 10 × $1/M + 20 × $1/M + $0.005 = 0.00503
        var price = Price(input: 1m, output: 1m);
        price.RequestFee = 0.005m;

        Assert.Equal(0.00503m, CostCalculator.Calculate(UsageOf(input: 10, output: 20), price).Total);
    }

    [Fact]
    public void Calculate_DiscountOverHundred_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CostCalculator.Calculate(UsageOf(input: 1), Price(input: 1m, output: 1m), discountPercent: 101m));
    }

    private static ModelPrice Sonnet45() => new()
    {
        ModelKey = "claude-sonnet-4-5",
        Provider = "anthropic",
        CreatedBy = "test",
        InputPerMTok = 3m,
        OutputPerMTok = 15m,
        CacheReadPerMTok = 0.3m,
        CacheWrite5mPerMTok = 3.75m,
        ThresholdTokens = 200_000,
        InputAboveThresholdPerMTok = 6m,
        OutputAboveThresholdPerMTok = 22.5m,
        CacheReadAboveThresholdPerMTok = 0.6m,
        CacheWrite5mAboveThresholdPerMTok = 7.5m,
        SearchFeeLow = 0.01m,
        SearchFeeMedium = 0.01m,
        SearchFeeHigh = 0.01m,
    };

    private static ModelPrice Perplexity() => new()
    {
        ModelKey = "perplexity/sonar",
        Provider = "perplexity",
        CreatedBy = "test",
        InputPerMTok = 1m,
        OutputPerMTok = 1m,
        SearchFeeLow = 0.005m,
        SearchFeeMedium = 0.008m,
        SearchFeeHigh = 0.012m,
        SearchFeePerRequest = true,
    };
}
