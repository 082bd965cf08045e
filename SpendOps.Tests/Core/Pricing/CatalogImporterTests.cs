using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Pricing;
using SpendOps.Core.Pricing.Checks;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing;

public abstract class CatalogImporterTests(DatabaseKind database) : IAsyncLifetime
{
    private const string Catalog = """
        {
          "gpt-4.1": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 8e-06, "cache_read_input_token_cost": 5e-07 },
          "groq/llama-3.3-70b-versatile": { "litellm_provider": "groq", "mode": "chat", "input_cost_per_token": 5.9e-07, "output_cost_per_token": 7.9e-07 }
        }
        """;

    private PricingTestHost host = null!;

    public async Task InitializeAsync() => host = await PricingTestHost.StartAsync(database);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [DatabaseFact]
    public async Task ImportAsync_SameCatalogTwice_SecondAddsNothing()
    {
        var first = await ImportAsync(Catalog);
        host.Clock.Now = host.Clock.Now.AddDays(1);
        var second = await ImportAsync(Catalog);

        Assert.Equal(new CatalogImportResult(2, 0, 0), first);
        Assert.Equal(new CatalogImportResult(0, 2, 0), second);
        Assert.Equal(2, await CountPricesAsync());
    }

    [DatabaseFact]
    public async Task ImportAsync_ChangedPrice_AddsVersionEffectiveFromImport()
    {
        await ImportAsync(Catalog);
        var importedAt = host.Clock.Now = host.Clock.Now.AddDays(30);

        var result = await ImportAsync(Catalog.Replace("\"input_cost_per_token\": 2e-06", "\"input_cost_per_token\": 1.5e-06", StringComparison.Ordinal));

        Assert.Equal(new CatalogImportResult(1, 1, 0), result);
        await using var db = await host.CreateContextAsync();
        var versions = await db.ModelPrices.Where(p => p.ModelKey == "gpt-4.1").OrderBy(p => p.EffectiveFrom).ToListAsync();
        Assert.Equal([2m, 1.5m], versions.Select(v => v.InputPerMTok));
        Assert.Equal([CatalogImporter.FirstPriceEffectiveFrom, importedAt], versions.Select(v => v.EffectiveFrom));
        Assert.All(versions, v => Assert.Equal(PriceSource.Import, v.Source));
    }

    [DatabaseFact]
    public async Task ImportAsync_NewModelInLaterCatalog_EffectiveFromTheStart()
    {
        await ImportAsync(Catalog);
        host.Clock.Now = host.Clock.Now.AddDays(30);

        await ImportAsync(Catalog.Replace("{\n", """
            {
              "gpt-new": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06 },

            """, StringComparison.Ordinal));

        await using var db = await host.CreateContextAsync();
        Assert.Equal(CatalogImporter.FirstPriceEffectiveFrom, (await db.ModelPrices.SingleAsync(p => p.ModelKey == "gpt-new")).EffectiveFrom);
    }

    [DatabaseFact]
    public async Task ImportAsync_AfterManualCorrection_SameCatalogDoesNotUndoIt()
    {
        await ImportAsync(Catalog);
        host.Clock.Now = host.Clock.Now.AddDays(1);
        await host.InScopeAsync(s => s.GetRequiredService<PriceService>().SetPriceAsync(
            new ModelPrice { Provider = "openai", ModelKey = "gpt-4.1", InputPerMTok = 1.8m, OutputPerMTok = 8m, CreatedBy = "" }, null, "admin@test", default));
        host.Clock.Now = host.Clock.Now.AddDays(1);

        var result = await ImportAsync(Catalog);

        Assert.Equal(0, result.Added);
        await using var db = await host.CreateContextAsync();
        var resolver = await PriceResolver.LoadAsync(db, default);
        Assert.Equal(1.8m, resolver.Resolve(Guid.NewGuid(), "openai", "gpt-4.1", host.Clock.Now)!.Price.InputPerMTok);
    }

    [DatabaseFact]
    public async Task SeedCatalogAsync_EmptyTableThenAgain_SeedsOnce()
    {
        var first = await host.InScopeAsync(s => s.GetRequiredService<PriceService>().SeedCatalogAsync(default));
        var count = await CountPricesAsync();
        var second = await host.InScopeAsync(s => s.GetRequiredService<PriceService>().SeedCatalogAsync(default));
        var reimport = await host.InScopeAsync(s => s.GetRequiredService<PriceService>().ImportEmbeddedCatalogAsync("admin@test", default));

        Assert.True(first.Added > 800);
        Assert.Equal(first.Added, count);
        Assert.Equal(new CatalogImportResult(0, 0, 0), second);
        Assert.Equal(0, reimport.Added);
        Assert.Equal(first.Added, reimport.Unchanged);
        await using var db = await host.CreateContextAsync();
        var gpt41 = await db.ModelPrices.SingleAsync(p => p.ModelKey == "gpt-4.1-2025-04-14");
        Assert.Equal((2m, 8m, 0.5m, PriceSource.Catalog), (gpt41.InputPerMTok, gpt41.OutputPerMTok, gpt41.CacheReadPerMTok!.Value, gpt41.Source));
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "price.catalog_seeded");
    }

    [DatabaseFact]
    public async Task ImportAsync_RateBreaksProviderRule_StoresCorrectedRateAndRecordsCorrection()
    {
        // As in LiteLLM's catalog: Claude Haiku 3's 1-hour write at 6e-06 ($6/M); Anthropic's rule is 2 × $0.25 = $0.50.
        const string haiku = """
            {
              "claude-3-haiku-20240307": { "litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 2.5e-07, "output_cost_per_token": 1.25e-06,
                "cache_read_input_token_cost": 3e-08, "cache_creation_input_token_cost": 3e-07, "cache_creation_input_token_cost_above_1hr": 6e-06 }
            }
            """;

        var first = await ImportAsync(haiku);
        host.Clock.Now = host.Clock.Now.AddDays(1);
        var second = await ImportAsync(haiku);

        Assert.Equal(new CatalogImportResult(1, 0, 0, 1), first);
        Assert.Equal(new CatalogImportResult(0, 1, 0, 0), second);
        await using var db = await host.CreateContextAsync();
        var price = await db.ModelPrices.SingleAsync();
        Assert.Equal((0.25m, 0.5m, 0.3m, 0.03m), (price.InputPerMTok, price.CacheWrite1hPerMTok!.Value, price.CacheWrite5mPerMTok!.Value, price.CacheReadPerMTok!.Value));
        var correction = await db.PriceCorrections.SingleAsync();
        Assert.Equal((price.Id, (long?)null, "anthropic", "claude-3-haiku-20240307", nameof(ModelPrice.CacheWrite1hPerMTok), 6m, 0.5m),
            (correction.PriceId, correction.ReplacedPriceId, correction.Provider, correction.ModelKey, correction.Field, correction.CatalogValue, correction.CorrectedValue));
        Assert.Equal("Anthropic: 1-hour cache write = 2 × input ($0.25) = $0.50", correction.Rule);
        Assert.Equal(host.Clock.Now.AddDays(-1), correction.CreatedAt);
    }

    [DatabaseFact]
    public async Task GetCatalogChecksAsync_AfterImport_ListsCorrectionAndUndecidedRate()
    {
        await ImportAsync("""
            {
              "claude-3-opus-20240229": { "litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 1.5e-05, "output_cost_per_token": 7.5e-05,
                "cache_creation_input_token_cost_above_1hr": 6e-06 },
              "gpt-4.1": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 8e-06, "cache_read_input_token_cost": 2.5e-06 }
            }
            """);

        var report = await host.InScopeAsync(s => s.GetRequiredService<PriceService>().GetCatalogChecksAsync(default));

        var correction = Assert.Single(report.Corrections);
        Assert.Equal(("claude-3-opus-20240229", 6m, 30m), (correction.ModelKey, correction.CatalogValue, correction.CorrectedValue));
        Assert.Equal(30m, correction.Price!.CacheWrite1hPerMTok);
        var undecided = Assert.Single(report.Undecided);
        Assert.Equal(("gpt-4.1", PriceField.CacheRead, 2.5m), (undecided.Price.ModelKey, undecided.Finding.Field, undecided.Price.CacheReadPerMTok!.Value));
    }

    private Task<CatalogImportResult> ImportAsync(string json) =>
        host.InScopeAsync(s => s.GetRequiredService<PriceService>().ImportCatalogAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "admin@test", default));

    private async Task<int> CountPricesAsync()
    {
        await using var db = await host.CreateContextAsync();
        return await db.ModelPrices.CountAsync();
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : CatalogImporterTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : CatalogImporterTests(DatabaseKind.Postgres);
}
