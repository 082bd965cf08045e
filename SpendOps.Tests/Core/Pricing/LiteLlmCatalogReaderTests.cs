using System.Text;
using SpendOps.Core;
using SpendOps.Core.Pricing;

namespace SpendOps.Tests.Core.Pricing;

public sealed class LiteLlmCatalogReaderTests(EmbeddedCatalogFixture embedded) : IClassFixture<EmbeddedCatalogFixture>
{
    [Fact]
    public async Task ReadAsync_ExponentNumbers_ParsedExactlyPerMillion()
    {
        var catalog = await ReadAsync("""
            {
              "m": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.25e-07,
                     "cache_read_input_token_cost": 2.9999900000000002e-06, "cache_creation_input_token_cost": 3.75e-06 }
            }
            """);

        var price = Assert.Single(catalog.Prices);
        Assert.Equal(3m, price.InputPerMTok);
        Assert.Equal(0.125m, price.OutputPerMTok);
        Assert.Equal(2.9999900000000002m, price.CacheReadPerMTok);
        Assert.Equal(3.75m, price.CacheWrite5mPerMTok);
    }

    [Fact]
    public async Task ReadAsync_SampleSpecAndOtherProviders_Ignored()
    {
        var catalog = await ReadAsync("""
            {
              "sample_spec": { "litellm_provider": "one of https://docs.litellm.ai/docs/providers", "input_cost_per_token": 0.0 },
              "vertex_ai/gemini-2.5-flash": { "litellm_provider": "vertex_ai-language-models", "input_cost_per_token": 3e-07 },
              "_comment": "not an entry",
              "gpt-x": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06 }
            }
            """);

        Assert.Equal("gpt-x", Assert.Single(catalog.Prices).ModelKey);
        Assert.Equal(0, catalog.Skipped);
    }

    [Fact]
    public async Task ReadAsync_EntryPricedPerImageOrSecond_SkippedNotFree()
    {
        var catalog = await ReadAsync("""
            {
              "whisper-1": { "litellm_provider": "openai", "mode": "audio_transcription", "input_cost_per_second": 0.0001 },
              "img": { "litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 0, "output_cost_per_token": 0, "output_cost_per_image": 0.039 },
              "asr": { "litellm_provider": "fireworks_ai", "mode": "audio_transcription", "input_cost_per_token": 0.0, "output_cost_per_token": 0.0 },
              "gemini/free-exp": { "litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 0, "output_cost_per_token": 0 }
            }
            """);

        Assert.Equal("gemini/free-exp", Assert.Single(catalog.Prices).ModelKey);
        Assert.Equal(3, catalog.Skipped);
    }

    [Fact]
    public async Task ReadAsync_ProviderNames_MappedToProxyProviders()
    {
        var catalog = await ReadAsync("""
            {
              "gemini/g": { "litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06 },
              "fireworks_ai/f": { "litellm_provider": "fireworks_ai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06 },
              "babbage-002": { "litellm_provider": "text-completion-openai", "mode": "completion", "input_cost_per_token": 4e-07, "output_cost_per_token": 4e-07 }
            }
            """);

        Assert.Equal(["google", "fireworks", "openai"], catalog.Prices.Select(p => p.Provider));
    }

    [Fact]
    public async Task ReadAsync_SearchFees_PerRequestOnlyForPerplexity()
    {
        var catalog = await ReadAsync("""
            {
              "perplexity/sonar": { "litellm_provider": "perplexity", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06,
                "search_context_cost_per_query": { "search_context_size_low": 0.005, "search_context_size_medium": 0.008, "search_context_size_high": 0.012 } },
              "gpt-4o-search-preview": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
                "search_context_cost_per_query": { "search_context_size_low": 0.03, "search_context_size_medium": 0.035, "search_context_size_high": 0.05 } }
            }
            """);

        var sonar = catalog.Prices[0];
        Assert.True(sonar.SearchFeePerRequest);
        Assert.Equal((0.005m, 0.008m, 0.012m), (sonar.SearchFeeLow, sonar.SearchFeeMedium, sonar.SearchFeeHigh));
        Assert.False(catalog.Prices[1].SearchFeePerRequest);
        Assert.Equal(0.035m, catalog.Prices[1].SearchFeeMedium);
    }

    [Fact]
    public async Task ReadAsync_128kTierAndFlexTier_ReadIntoRows()
    {
        var catalog = await ReadAsync("""
            {
              "xai/grok-4-0709": { "litellm_provider": "xai", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                "input_cost_per_token_above_128k_tokens": 6e-06, "output_cost_per_token_above_128k_tokens": 3e-05 },
              "gpt-5": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05,
                "cache_read_input_token_cost": 1.25e-07, "input_cost_per_token_flex": 6.25e-07, "output_cost_per_token_flex": 5e-06, "cache_read_input_token_cost_flex": 6.25e-08 }
            }
            """);

        var grok = catalog.Prices[0];
        Assert.Equal((128_000L, 6m, 30m), (grok.ThresholdTokens!.Value, grok.InputAboveThresholdPerMTok!.Value, grok.OutputAboveThresholdPerMTok!.Value));
        var flex = Assert.Single(catalog.Prices, p => p.ServiceTier == "flex");
        Assert.Equal(("gpt-5", 0.625m, 5m, 0.0625m), (flex.ModelKey, flex.InputPerMTok, flex.OutputPerMTok, flex.CacheReadPerMTok!.Value));
    }

    [Fact]
    public async Task ReadAsync_NotAnObject_DomainError()
    {
        await Assert.ThrowsAsync<DomainException>(() => ReadAsync("[1, 2]"));
        await Assert.ThrowsAsync<DomainException>(() => ReadAsync("{ not json"));
    }

    [Fact]
    public void EmbeddedCatalog_SnapshotOfFebruary2026_ServesOurProvidersOnly()
    {
        var providers = embedded.Catalog.Prices.Select(p => p.Provider!).Distinct().Order().ToList();

        Assert.True(embedded.Catalog.Prices.Count > 800);
        // Nebius has no entries in the snapshot and none of ours yet: its calls stay unpriced until an admin adds prices.
        Assert.Equal(["anthropic", "cerebras", "deepinfra", "deepseek", "fireworks", "google", "groq", "mistral", "novita", "openai", "openrouter", "perplexity", "xai"], providers);
    }

    private static Task<CatalogReadResult> ReadAsync(string json) =>
        LiteLlmCatalogReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);
}
