using SpendOps.Core.Pricing;

namespace SpendOps.Tests.Core.Pricing;

public sealed class PriceResolverTests
{
    private static readonly DateTimeOffset Start = CatalogImporter.FirstPriceEffectiveFrom;
    private static readonly DateTimeOffset Call = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid TenantA = Guid.NewGuid();

    [Theory]
    [InlineData("openai", "gpt-4.1", "gpt-4.1")]
    [InlineData("openai", "GPT-4.1", "gpt-4.1")]
    [InlineData("openai", "gpt-4.1-2025-04-14", "gpt-4.1")]
    [InlineData("anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("groq", "llama-3.3-70b-versatile", "groq/llama-3.3-70b-versatile")]
    [InlineData("google", "gemini-2.5-flash", "gemini/gemini-2.5-flash")]
    [InlineData("google", "gemini-2.5-flash-2026-01-15", "gemini/gemini-2.5-flash")]
    [InlineData("deepseek", "deepseek-chat", "deepseek/deepseek-chat")]
    [InlineData("openrouter", "anthropic/claude-sonnet-4.5", "openrouter/anthropic/claude-sonnet-4.5")]
    [InlineData("fireworks", "accounts/fireworks/models/llama-v3p3-70b-instruct", "fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct")]
    [InlineData("google", "gemini/gemini-2.5-flash", "gemini/gemini-2.5-flash")]
    public void Resolve_ModelAsProviderReportsIt_FindsCatalogKey(string provider, string model, string expectedKey)
    {
        var resolver = new PriceResolver(
        [
            Price("openai", "gpt-4.1"),
            Price("anthropic", "claude-sonnet-4-5"),
            Price("groq", "groq/llama-3.3-70b-versatile"),
            Price("google", "gemini/gemini-2.5-flash"),
            Price("deepseek", "deepseek/deepseek-chat"),
            Price("openrouter", "openrouter/anthropic/claude-sonnet-4.5"),
            Price("fireworks", "fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct"),
        ]);

        var resolved = resolver.Resolve(TenantA, provider, model, Call);

        Assert.Equal(expectedKey, resolved?.Price.ModelKey);
    }

    [Fact]
    public void Resolve_ExactSnapshotAndAlias_PrefersExactSnapshot()
    {
        var resolver = new PriceResolver([Price("openai", "gpt-4o", input: 2.5m), Price("openai", "gpt-4o-2024-05-13", input: 5m)]);

        Assert.Equal(5m, resolver.Resolve(TenantA, "openai", "gpt-4o-2024-05-13", Call)!.Price.InputPerMTok);
    }

    [Fact]
    public void Resolve_ShortVersionSuffix_IsNotStripped()
    {
        // Mistral's -2411 names a model of its own, not a dated snapshot of mistral-large.
        var resolver = new PriceResolver([Price("mistral", "mistral/mistral-large")]);

        Assert.Null(resolver.Resolve(TenantA, "mistral", "mistral-large-2411", Call));
    }

    [Fact]
    public void Resolve_OtherProvidersKey_NotUsed()
    {
        var resolver = new PriceResolver([Price("openai", "gpt-4.1")]);

        Assert.Null(resolver.Resolve(TenantA, "azure", "gpt-4.1", Call));
        Assert.Null(resolver.Resolve(TenantA, "openrouter", "gpt-4.1", Call));
    }

    [Fact]
    public void Resolve_PriceForAnyProvider_UsedWhenNoProviderPrice()
    {
        var resolver = new PriceResolver([Price(null, "acme-1", input: 7m)]);

        Assert.Equal(7m, resolver.Resolve(TenantA, "nebius", "acme-1", Call)!.Price.InputPerMTok);
    }

    [Fact]
    public void Resolve_ProviderPriceAndAnyProviderPrice_ProviderPriceWins()
    {
        var resolver = new PriceResolver([Price(null, "acme-1", input: 7m, from: Call.AddDays(-1)), Price("nebius", "acme-1", input: 3m)]);

        Assert.Equal(3m, resolver.Resolve(TenantA, "nebius", "acme-1", Call)!.Price.InputPerMTok);
    }

    [Fact]
    public void Resolve_TwoEffectiveDates_PriceInForceAtCallTime()
    {
        var change = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var resolver = new PriceResolver([Price("openai", "gpt-4.1", input: 2m), Price("openai", "gpt-4.1", input: 1.5m, from: change)]);

        Assert.Equal(2m, resolver.Resolve(TenantA, "openai", "gpt-4.1", change.AddTicks(-1))!.Price.InputPerMTok);
        Assert.Equal(1.5m, resolver.Resolve(TenantA, "openai", "gpt-4.1", change)!.Price.InputPerMTok);
    }

    [Fact]
    public void Resolve_TwoRowsWithSameEffectiveFrom_LaterIdWins()
    {
        // A catalog correction supersedes a wrong row with a copy from the same date; the copy must price every call the row did.
        var wrong = Price("anthropic", "claude-3-haiku-20240307", input: 0.25m);
        wrong.Id = 7;
        wrong.CacheWrite1hPerMTok = 6m;
        var corrected = Price("anthropic", "claude-3-haiku-20240307", input: 0.25m);
        corrected.Id = 8;
        corrected.CacheWrite1hPerMTok = 0.5m;

        foreach (var order in new[] { new[] { wrong, corrected }, [corrected, wrong] })
        {
            var resolver = new PriceResolver(order);

            Assert.Equal(8, resolver.Resolve(TenantA, "anthropic", "claude-3-haiku-20240307", Start)!.Price.Id);
            Assert.Equal(8, resolver.Resolve(TenantA, "anthropic", "claude-3-haiku-20240307", Call)!.Price.Id);
        }
    }

    [Fact]
    public void Resolve_OnlyFuturePrice_Unpriced()
    {
        var resolver = new PriceResolver([Price("openai", "gpt-9", from: Call.AddDays(1))]);

        Assert.Null(resolver.Resolve(TenantA, "openai", "gpt-9", Call));
    }

    [Fact]
    public void Resolve_TenantOverride_WinsOverGlobalEvenOnLessSpecificKey()
    {
        var resolver = new PriceResolver(
        [
            Price("anthropic", "claude-sonnet-4-5-20250929", input: 3m),
            Price("anthropic", "claude-sonnet-4-5", input: 2.4m, tenant: TenantA),
        ]);

        Assert.Equal(2.4m, resolver.Resolve(TenantA, "anthropic", "claude-sonnet-4-5-20250929", Call)!.Price.InputPerMTok);
        Assert.Equal(3m, resolver.Resolve(Guid.NewGuid(), "anthropic", "claude-sonnet-4-5-20250929", Call)!.Price.InputPerMTok);
    }

    [Fact]
    public void Resolve_PriorityTier_PrefersTierPriceAndFallsBackToStandard()
    {
        var resolver = new PriceResolver([Price("openai", "gpt-4.1", input: 2m), Price("openai", "gpt-4.1", input: 3.5m, tier: "priority")]);

        Assert.Equal(3.5m, resolver.Resolve(TenantA, "openai", "gpt-4.1-2025-04-14", Call, "priority")!.Price.InputPerMTok);
        Assert.Equal(2m, resolver.Resolve(TenantA, "openai", "gpt-4.1", Call, "default")!.Price.InputPerMTok);
        Assert.Equal(2m, resolver.Resolve(TenantA, "openai", "gpt-4.1", Call, "flex")!.Price.InputPerMTok);
    }

    [Fact]
    public void Resolve_UsageRecord_ReportedModelFirstThenRequested()
    {
        var resolver = new PriceResolver([Price("openrouter", "openrouter/anthropic/claude-sonnet-4.5")]);
        var record = PricingTestData.UsageOf();
        record.Provider = "openrouter";
        record.TenantId = TenantA;
        record.Timestamp = Call;
        record.ModelRequested = "anthropic/claude-sonnet-4.5";
        record.ModelReported = "anthropic/claude-4.5-sonnet-20250929";

        Assert.Equal("openrouter/anthropic/claude-sonnet-4.5", resolver.Resolve(record)?.Price.ModelKey);
    }

    [Fact]
    public void Resolve_NoModel_Unpriced()
    {
        var resolver = new PriceResolver([Price("openai", "gpt-4.1")]);

        Assert.Null(resolver.Resolve(TenantA, "openai", null, Call));
        Assert.Null(resolver.Resolve(TenantA, "openai", " ", Call));
    }

    [Fact]
    public void Resolve_TenantDiscounts_MostSpecificInForceApplies()
    {
        var later = Call.AddDays(10);
        var resolver = new PriceResolver(
            [Price("anthropic", "claude-sonnet-4-5"), Price("openai", "gpt-4.1")],
            [
                Discount(TenantA, provider: null, pattern: null, percent: 5m),
                Discount(TenantA, provider: "anthropic", pattern: null, percent: 10m),
                Discount(TenantA, provider: "anthropic", pattern: "claude-sonnet-*", percent: 20m),
                Discount(TenantA, provider: "anthropic", pattern: "claude-sonnet-*", percent: 0m, from: later),
            ]);

        Assert.Equal(20m, resolver.Resolve(TenantA, "anthropic", "claude-sonnet-4-5-20250929", Call)!.DiscountPercent);
        Assert.Equal(10m, resolver.Resolve(TenantA, "anthropic", "claude-sonnet-4-5-20250929", later)!.DiscountPercent);
        Assert.Equal(5m, resolver.Resolve(TenantA, "openai", "gpt-4.1", Call)!.DiscountPercent);
        Assert.Equal(0m, resolver.Resolve(Guid.NewGuid(), "openai", "gpt-4.1", Call)!.DiscountPercent);
    }

    [Fact]
    public void Resolve_TenantOwnPrice_NoDiscountOnTop()
    {
        var resolver = new PriceResolver([Price("openai", "gpt-4.1", tenant: TenantA)], [Discount(TenantA, null, null, 50m)]);

        Assert.Equal(0m, resolver.Resolve(TenantA, "openai", "gpt-4.1", Call)!.DiscountPercent);
    }

    private static ModelPrice Price(string? provider, string key, decimal input = 1m, DateTimeOffset? from = null, Guid? tenant = null, string? tier = null) => new()
    {
        Provider = provider,
        ModelKey = key,
        TenantId = tenant,
        ServiceTier = tier,
        EffectiveFrom = from ?? Start,
        InputPerMTok = input,
        OutputPerMTok = input * 4,
        CreatedBy = "test",
    };

    private static PriceDiscount Discount(Guid tenant, string? provider, string? pattern, decimal percent, DateTimeOffset? from = null) => new()
    {
        TenantId = tenant,
        Provider = provider,
        ModelPattern = pattern,
        Percent = percent,
        EffectiveFrom = from ?? Start,
        CreatedBy = "test",
    };
}
