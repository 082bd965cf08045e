using SpendOps.Core.Pricing;
using SpendOps.Core.Pricing.Checks;

namespace SpendOps.Tests.Core.Pricing.Checks;

/// <summary>The checks over the real embedded catalog, rounded as the importer rounds it.</summary>
public sealed class EmbeddedCatalogCheckTests(EmbeddedCatalogFixture catalog) : IClassFixture<EmbeddedCatalogFixture>
{
    [Fact]
    public void Check_EmbeddedCatalog_MakesExactlyTheseCorrections()
    {
        var corrections = CheckAll()
            .SelectMany(r => r.Result.Corrections.Select(c => (r.Price.ModelKey, c.Field.Name, c.CatalogValue, c.CorrectedValue)))
            .Order()
            .ToList();

        (string, string, decimal, decimal)[] expected =
        [
            // 1-hour write = 2 × input; the catalog lists $6 (Sonnet's 2 × $3) for every Claude 3.x model.
            ("claude-3-5-haiku-20241022", "CacheWrite1hPerMTok", 6m, 1.6m),   // 2 × $0.80
            ("claude-3-5-haiku-latest", "CacheWrite1hPerMTok", 6m, 2m),       // 2 × $1.00 (the input this entry lists)
            ("claude-3-haiku-20240307", "CacheWrite1hPerMTok", 6m, 0.5m),     // 2 × $0.25
            ("claude-3-opus-20240229", "CacheWrite1hPerMTok", 6m, 30m),       // 2 × $15
            ("claude-3-opus-latest", "CacheWrite1hPerMTok", 6m, 30m),
            // Fast mode lists $30 input but keeps the standard Opus 4.6 cache rates: 0.1 × 30 = 3, 1.25 × 30 = 37.5, 2 × 30 = 60.
            ("fast/claude-opus-4-6", "CacheReadPerMTok", 0.5m, 3m),
            ("fast/claude-opus-4-6", "CacheWrite1hPerMTok", 10m, 60m),
            ("fast/claude-opus-4-6", "CacheWrite5mPerMTok", 6.25m, 37.5m),
            ("fast/claude-opus-4-6-20260205", "CacheReadPerMTok", 0.5m, 3m),
            ("fast/claude-opus-4-6-20260205", "CacheWrite1hPerMTok", 10m, 60m),
            ("fast/claude-opus-4-6-20260205", "CacheWrite5mPerMTok", 6.25m, 37.5m),
            ("fast/us/claude-opus-4-6", "CacheReadPerMTok", 0.55m, 3m),
            ("fast/us/claude-opus-4-6", "CacheWrite1hPerMTok", 11m, 60m),
            ("fast/us/claude-opus-4-6", "CacheWrite5mPerMTok", 6.875m, 37.5m),
        ];
        Assert.Equal(expected, corrections);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("claude-sonnet-4-5-20250929")]
    [InlineData("claude-opus-4-1")]
    [InlineData("us/claude-opus-4-6")]
    [InlineData("gpt-5")]
    [InlineData("gpt-4.1")]
    [InlineData("gpt-4o")]
    [InlineData("o3-mini")]
    [InlineData("gemini/gemini-2.5-pro")]
    [InlineData("gemini/gemini-2.5-flash-preview-09-2025")]
    public void Check_EntryThatObeysTheRules_NothingToReport(string model)
    {
        var checks = CheckAll().Where(r => r.Price.ModelKey == model).ToList();

        Assert.NotEmpty(checks);
        Assert.All(checks, r =>
        {
            Assert.Empty(r.Result.Corrections);
            Assert.Empty(r.Result.Undecided);
        });
    }

    [Fact]
    public void Check_ClaudeHaiku3_KeepsPublishedCacheRatesAndCorrectsOnlyTheHourWrite()
    {
        var haiku = Assert.Single(CheckAll(), r => r.Price.ModelKey == "claude-3-haiku-20240307");

        // Anthropic's price table: $0.30 5-minute write and $0.03 cache hit, not 1.25 × and 0.1 × $0.25.
        var correction = Assert.Single(haiku.Result.Corrections);
        Assert.Equal((PriceField.CacheWrite1h, 6m, 0.5m), (correction.Field, correction.CatalogValue, correction.CorrectedValue));
        Assert.Equal("Anthropic: 1-hour cache write = 2 × input ($0.25) = $0.50", correction.Rule);
        Assert.Equal((0.3m, 0.03m), (haiku.Price.CacheWrite5mPerMTok, haiku.Price.CacheReadPerMTok));
    }

    [Fact]
    public void Check_EmbeddedCatalog_LeavesTheseForReview()
    {
        var undecided = CheckAll()
            .SelectMany(r => r.Result.Undecided.Select(u => (r.Price.ModelKey, r.Price.ServiceTier, u.Field.Name)))
            .Order()
            .ToList();

        (string, string?, string)[] expected =
        [
            // Fast mode above 200k is 12 × standard ($60 / $225) but the catalog keeps the standard long-context rates.
            .. new[] { "fast/claude-opus-4-6", "fast/claude-opus-4-6-20260205", "fast/us/claude-opus-4-6" }.SelectMany(model => new (string, string?, string)[]
            {
                (model, null, "CacheReadAboveThresholdPerMTok"),
                (model, null, "CacheWrite5mAboveThresholdPerMTok"),
                (model, null, "InputAboveThresholdPerMTok"),
                (model, null, "OutputAboveThresholdPerMTok"),
            }),
            // $0.075 cached for $0.35 input is 0.214 ×, not Gemini 2.0's 0.25 ×.
            ("gemini/gemini-2.0-flash-live-001", null, "CacheReadPerMTok"),
            // The priority row lists $2.50 input (50 × standard) and inherits the standard $0.005 cached rate.
            ("gpt-5-nano", "priority", "CacheReadPerMTok"),
        ];
        Assert.Equal(expected.Order(), undecided);
    }

    private List<(ModelPrice Price, CatalogCheckResult Result)> CheckAll() =>
        catalog.Catalog.Prices.Select(p =>
        {
            var price = p.CloneAsNew();
            PriceRates.Round(price);
            return (price, CatalogCheck.Check(price));
        }).ToList();
}
