using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Pricing;

namespace SpendOps.Tests.Core.Pricing;

public sealed class CatalogImporterTests : IAsyncLifetime
{
    private const string Catalog = """
        {
          "gpt-4.1": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 8e-06, "cache_read_input_token_cost": 5e-07 },
          "groq/llama-3.3-70b-versatile": { "litellm_provider": "groq", "mode": "chat", "input_cost_per_token": 5.9e-07, "output_cost_per_token": 7.9e-07 }
        }
        """;

    private PricingTestHost host = null!;

    public async Task InitializeAsync() => host = await PricingTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ImportAsync_SameCatalogTwice_SecondAddsNothing()
    {
        var first = await ImportAsync(Catalog);
        host.Clock.Now = host.Clock.Now.AddDays(1);
        var second = await ImportAsync(Catalog);

        Assert.Equal(new CatalogImportResult(2, 0, 0), first);
        Assert.Equal(new CatalogImportResult(0, 2, 0), second);
        Assert.Equal(2, await CountPricesAsync());
    }

    [Fact]
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

    [Fact]
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

    [Fact]
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

    [Fact]
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

    private Task<CatalogImportResult> ImportAsync(string json) =>
        host.InScopeAsync(s => s.GetRequiredService<PriceService>().ImportCatalogAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "admin@test", default));

    private async Task<int> CountPricesAsync()
    {
        await using var db = await host.CreateContextAsync();
        return await db.ModelPrices.CountAsync();
    }
}
