using SpendOps.Core.Pricing;
using SpendOps.Core.Pricing.Checks;

namespace SpendOps.Tests.Core.Pricing.Checks;

/// <summary>
/// The rules on single rows, with the expected rates worked out by hand (USD per million tokens) from the providers'
/// rules: Anthropic 5-minute write 1.25 ×, 1-hour write 2 ×, cache read 0.1 × input; OpenAI and Gemini cached input
/// at the family's fraction of input.
/// </summary>
public sealed class CatalogCheckTests
{
    private sealed record Case(ModelPrice Price, (PriceField Field, decimal From, decimal To)[] Corrections, PriceField[] Undecided);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Catalog: input 2.5e-07, cache_creation_input_token_cost_above_1hr 6e-06. 2 × $0.25 = $0.50.
        ["claude 3 haiku 1h write"] = new(Row("anthropic", "claude-3-haiku-20240307", 0.25m, cacheRead: 0.03m, write5m: 0.3m, write1h: 6m),
            [(PriceField.CacheWrite1h, 6m, 0.5m)], []),
        // 2 × $15 = $30.
        ["claude 3 opus 1h write"] = new(Row("anthropic", "claude-3-opus-20240229", 15m, cacheRead: 1.5m, write5m: 18.75m, write1h: 6m),
            [(PriceField.CacheWrite1h, 6m, 30m)], []),
        // 2 × $0.80 = $1.60.
        ["claude 3.5 haiku 1h write"] = new(Row("anthropic", "claude-3-5-haiku-20241022", 0.8m, cacheRead: 0.08m, write5m: 1m, write1h: 6m),
            [(PriceField.CacheWrite1h, 6m, 1.6m)], []),
        // Anthropic's table lists Haiku 3's 5-minute write at $0.30, not 1.25 × $0.25 = $0.3125: the table wins.
        ["claude 3 haiku published 5m write"] = new(Row("anthropic", "claude-3-haiku-20240307", 0.25m, cacheRead: 0.025m, write5m: 0.3125m),
            [(PriceField.CacheRead, 0.025m, 0.03m), (PriceField.CacheWrite5m, 0.3125m, 0.3m)], []),
        // 1.25 × 3 = 3.75, 0.1 × 3 = 0.3; above 200k: 1.25 × 6 = 7.5, 0.1 × 6 = 0.6; no 1-hour rate listed (2 × input at cost time).
        ["claude sonnet 4.5 as listed"] = new(Sonnet45(), [], []),
        // The above-threshold 5-minute write copied from the base rate: 1.25 × $6 = $7.50.
        ["claude sonnet 4.5 above-threshold write"] = new(Sonnet45(p => p.CacheWrite5mAboveThresholdPerMTok = 3.75m),
            [(PriceField.CacheWrite5mAboveThreshold, 3.75m, 7.5m)], []),
        ["claude without cache rates"] = new(Row("anthropic", "claude-opus-4-1", 15m), [], []),
        // 1.25 × 0.3333333333 = 0.416666666625 and 0.1 × 0.3333333333 = 0.03333333333: equal once rounded to 10 places.
        ["claude rates equal after rounding"] = new(Row("anthropic", "claude-x", 0.3333333333m, cacheRead: 0.03333333334m, write5m: 0.4166666666m), [], []),
        // A row for any provider is what PriceResolver uses for anthropic too.
        ["claude on a row for any provider"] = new(Row(null, "claude-3-opus-latest", 15m, write1h: 6m), [(PriceField.CacheWrite1h, 6m, 30m)], []),
        ["claude through openrouter"] = new(Row("openrouter", "openrouter/anthropic/claude-3-haiku", 0.25m, write1h: 6m), [], []),
        // gpt-4.1 caches at 0.25 × $2 = $0.50; $2.50 is not even below input.
        ["openai cached above input"] = new(Row("openai", "gpt-4.1", 2m, cacheRead: 2.5m), [], [PriceField.CacheRead]),
        // gpt-5 models cache at 0.1 × input; $0.005 of $2.50 is 0.002 ×.
        ["openai cached off the family ratio"] = new(Row("openai", "gpt-5-nano", 2.5m, cacheRead: 0.005m, tier: "priority"), [], [PriceField.CacheRead]),
        ["openai gpt-4o at half"] = new(Row("openai", "gpt-4o", 2.5m, cacheRead: 1.25m), [], []),
        ["openai o3-mini at half"] = new(Row("openai", "o3-mini", 1.1m, cacheRead: 0.55m), [], []),
        ["openai unknown family below input"] = new(Row("openai", "gpt-9", 1m, cacheRead: 0.3m), [], []),
        // Gemini 2.5 previews still at the old 0.25 ×: 0.25 × $0.30 = $0.075.
        ["gemini 2.5 at the old ratio"] = new(Row("google", "gemini/gemini-2.5-flash-preview-05-20", 0.3m, cacheRead: 0.075m), [], []),
        // Gemini 2.0 caches at 0.25 × $0.35 = $0.0875, not $0.075.
        ["gemini 2.0 off the ratio"] = new(Row("google", "gemini/gemini-2.0-flash-live-001", 0.35m, cacheRead: 0.075m), [], [PriceField.CacheRead]),
        // Above 200k: 0.1 × $2.50 = $0.25, not $0.50.
        ["gemini above-threshold cache off the ratio"] = new(Row("google", "gemini/gemini-2.5-pro", 1.25m, cacheRead: 0.125m, more: p =>
            {
                p.ThresholdTokens = 200_000;
                p.InputAboveThresholdPerMTok = 2.5m;
                p.CacheReadAboveThresholdPerMTok = 0.5m;
            }), [], [PriceField.CacheReadAboveThreshold]),
        ["above-threshold rate without a threshold"] = new(Row("xai", "xai/grok-x", 3m, more: p => p.InputAboveThresholdPerMTok = 6m), [], [PriceField.InputAboveThreshold]),
        ["above-threshold rate below the base"] = new(Row("google", "gemini/gemini-1.5-pro", 3.5m, more: p =>
            {
                p.ThresholdTokens = 128_000;
                p.InputAboveThresholdPerMTok = 1.75m;
            }), [], [PriceField.InputAboveThreshold]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Check_Row_CorrectsAndReportsAsWorkedOut(string name)
    {
        var test = Cases[name];

        var result = CatalogCheck.Check(test.Price);

        Assert.Equal(test.Corrections.OrderBy(c => c.Field.Name), result.Corrections.Select(c => (c.Field, c.CatalogValue, c.CorrectedValue)).OrderBy(c => c.Field.Name));
        Assert.Equal(test.Undecided.OrderBy(f => f.Name), result.Undecided.Select(u => u.Field).OrderBy(f => f.Name));
    }

    [Fact]
    public void Check_WrongRate_LeavesRowAsItIs()
    {
        var price = Row("anthropic", "claude-3-haiku-20240307", 0.25m, write1h: 6m);

        CatalogCheck.Check(price);

        Assert.Equal(6m, price.CacheWrite1hPerMTok);
    }

    [Fact]
    public void Apply_WrongRates_CorrectsRowAndSaysWhy()
    {
        var price = Sonnet45(p =>
        {
            p.CacheWrite1hPerMTok = 3.75m;
            p.CacheWrite5mAboveThresholdPerMTok = 3.75m;
        });

        var result = CatalogCheck.Apply(price);

        Assert.Equal((6m, 7.5m), (price.CacheWrite1hPerMTok, price.CacheWrite5mAboveThresholdPerMTok));
        Assert.Equal(
            [
                "Anthropic: 1-hour cache write = 2 × input ($3.00) = $6.00",
                "Anthropic: above-threshold 5-minute cache write = 1.25 × above-threshold input ($6.00) = $7.50",
            ],
            result.Corrections.Select(c => c.Rule));
    }

    [Fact]
    public void Apply_PublishedRate_RuleNamesThePriceTable()
    {
        var result = CatalogCheck.Apply(Row("anthropic", "claude-3-haiku-20240307", 0.25m, write5m: 0.3125m));

        Assert.Equal("Anthropic's price table for Claude Haiku 3: 5-minute cache write = $0.30", Assert.Single(result.Corrections).Rule);
    }

    [Fact]
    public void Check_CachedOffRatio_SaysWhatLooksWrongAndWhyNotChanged()
    {
        var finding = Assert.Single(CatalogCheck.Check(Row("openai", "gpt-5-nano", 2.5m, cacheRead: 0.005m, tier: "priority")).Undecided);

        Assert.Equal("cache read $0.005 is 0.002 × input $2.50", finding.Problem);
        Assert.Equal("Cached input of OpenAI's gpt-5 models costs 0.1 × input; either rate may be the wrong one, so neither was changed.", finding.Reason);
    }

    private static ModelPrice Sonnet45(Action<ModelPrice>? more = null) => Row("anthropic", "claude-sonnet-4-5", 3m, cacheRead: 0.3m, write5m: 3.75m, more: p =>
    {
        p.ThresholdTokens = 200_000;
        p.InputAboveThresholdPerMTok = 6m;
        p.OutputAboveThresholdPerMTok = 22.5m;
        p.CacheReadAboveThresholdPerMTok = 0.6m;
        p.CacheWrite5mAboveThresholdPerMTok = 7.5m;
        more?.Invoke(p);
    });

    private static ModelPrice Row(string? provider, string key, decimal input, decimal? cacheRead = null, decimal? write5m = null, decimal? write1h = null,
        string? tier = null, Action<ModelPrice>? more = null)
    {
        var price = new ModelPrice
        {
            Provider = provider,
            ModelKey = key,
            ServiceTier = tier,
            InputPerMTok = input,
            OutputPerMTok = input * 5,
            CacheReadPerMTok = cacheRead,
            CacheWrite5mPerMTok = write5m,
            CacheWrite1hPerMTok = write1h,
            Source = PriceSource.Catalog,
            CreatedBy = "test",
        };
        more?.Invoke(price);
        return price;
    }
}
