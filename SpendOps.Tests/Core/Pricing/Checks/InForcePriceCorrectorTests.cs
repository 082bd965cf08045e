using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing.Checks;

/// <summary>Start-up (<see cref="DatabaseStartup"/>) on a database whose catalog rows were stored before the checks existed.</summary>
public abstract class InForcePriceCorrectorTests(DatabaseKind database) : IAsyncLifetime
{
    private const string Haiku = "claude-3-haiku-20240307";
    private static readonly DateTimeOffset Jan10 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    private PricingTestHost host = null!;
    private Tenant tenant = null!;

    public async Task InitializeAsync()
    {
        host = await PricingTestHost.StartAsync(database);
        tenant = await host.AddTenantAsync("acme");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [DatabaseFact]
    public async Task Startup_StoredRowBreaksRule_SupersededOnceAndCallsPricedWithCorrectedRate()
    {
        // The catalog's Claude Haiku 3 row as seeded before the checks: 1-hour write $6 instead of 2 × $0.25.
        var wrong = await AddCatalogRowAsync(new ModelPrice
        {
            Provider = "anthropic", ModelKey = Haiku, InputPerMTok = 0.25m, OutputPerMTok = 1.25m, CacheReadPerMTok = 0.03m,
            CacheWrite5mPerMTok = 0.3m, CacheWrite1hPerMTok = 6m, CreatedBy = "system",
        });
        var pricedBefore = await AddCallAsync();
        await RunPricingAsync();

        await StartAsync();
        var rowsAfterFirstStart = await RowsAsync();
        await StartAsync();

        await using (var db = await host.CreateContextAsync())
        {
            var rows = await db.ModelPrices.Where(p => p.ModelKey == Haiku).OrderBy(p => p.Id).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.Equal(rowsAfterFirstStart, await db.ModelPrices.CountAsync());
            var corrected = rows[1];
            Assert.Equal((wrong.EffectiveFrom, PriceSource.Catalog, 0.5m, 0.03m, 0.3m), (corrected.EffectiveFrom, corrected.Source, corrected.CacheWrite1hPerMTok, corrected.CacheReadPerMTok, corrected.CacheWrite5mPerMTok));
            Assert.Equal(6m, rows[0].CacheWrite1hPerMTok);
            var correction = await db.PriceCorrections.SingleAsync();
            Assert.Equal((corrected.Id, wrong.Id, "CacheWrite1hPerMTok", 6m, 0.5m), (correction.PriceId, correction.ReplacedPriceId, correction.Field, correction.CatalogValue, correction.CorrectedValue));
            Assert.Equal("Anthropic: 1-hour cache write = 2 × input ($0.25) = $0.50", correction.Rule);
            Assert.Single(await db.AuditEntries.Where(a => a.Action == "price.catalog_corrected").ToListAsync());
        }

        var pricedAfter = await AddCallAsync();
        await RunPricingAsync();

        var before = await host.GetRecordAsync(pricedBefore.Id);
        var after = await host.GetRecordAsync(pricedAfter.Id);
        // With the wrong row: 2,000 × $0.25/M + 100,000 × $6/M + 500 × $1.25/M = 0.0005 + 0.6 + 0.000625 = 0.601125
        Assert.Equal((0.601125m, wrong.Id), (before.CostUsd!.Value, before.PriceId!.Value));
        // Same call, same time, with the corrected row: 0.0005 + 100,000 × $0.50/M + 0.000625 = 0.0005 + 0.05 + 0.000625 = 0.051125
        Assert.Equal(0.051125m, after.CostUsd);
        Assert.NotEqual(wrong.Id, after.PriceId);

        // Only an explicit re-rate changes what was already priced.
        await host.InScopeAsync(s => s.GetRequiredService<PriceService>().RerateAsync(new RerateRequest(Jan10.AddDays(-1), Jan10.AddDays(1), TenantScope.AllTenants), "admin@test", default));
        var rerated = await host.GetRecordAsync(pricedBefore.Id);
        Assert.Equal((0.051125m, after.PriceId), (rerated.CostUsd!.Value, rerated.PriceId));
    }

    [DatabaseFact]
    public async Task Startup_ManualPriceBreaksRule_LeftAlone()
    {
        await host.InScopeAsync(s => s.GetRequiredService<PriceService>().SetPriceAsync(new ModelPrice
        {
            Provider = "anthropic", ModelKey = Haiku, InputPerMTok = 0.25m, OutputPerMTok = 1.25m, CacheWrite1hPerMTok = 6m, CreatedBy = "",
        }, null, "admin@test", default));

        await StartAsync();

        await using var db = await host.CreateContextAsync();
        Assert.Equal(1, await db.ModelPrices.CountAsync());
        Assert.Empty(await db.PriceCorrections.ToListAsync());
    }

    [DatabaseFact]
    public async Task Startup_WrongRowAlreadyReplacedByNewerVersion_NotCorrected()
    {
        await AddCatalogRowAsync(new ModelPrice { Provider = "anthropic", ModelKey = Haiku, InputPerMTok = 0.25m, OutputPerMTok = 1.25m, CacheWrite1hPerMTok = 6m, CreatedBy = "system" });
        await AddCatalogRowAsync(new ModelPrice
        {
            Provider = "anthropic", ModelKey = Haiku, InputPerMTok = 0.25m, OutputPerMTok = 1.25m, CacheWrite1hPerMTok = 0.5m, CreatedBy = "system",
            EffectiveFrom = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });

        await StartAsync();

        Assert.Equal(2, await RowsAsync());
    }

    private Task StartAsync() => DatabaseStartup.PrepareAsync(host.Services.GetRequiredService<IServiceScopeFactory>(), default);

    private Task<PricingRunResult> RunPricingAsync() => host.Services.GetRequiredService<PricingRunner>().RunOnceAsync(default);

    private async Task<ModelPrice> AddCatalogRowAsync(ModelPrice price)
    {
        await using var db = await host.CreateContextAsync();
        if (price.EffectiveFrom == default)
            price.EffectiveFrom = CatalogImporter.FirstPriceEffectiveFrom;
        price.Source = PriceSource.Catalog;
        price.CreatedAt = host.Clock.Now;
        db.ModelPrices.Add(price);
        await db.SaveChangesAsync();
        return price;
    }

    private Task<UsageRecord> AddCallAsync() =>
        host.AddRecordAsync(tenant.Id, "anthropic", Haiku, Jan10, r =>
        {
            r.Tokens.InputTokens = 2_000;
            r.Tokens.CacheWrite1hTokens = 100_000;
            r.Tokens.OutputTokens = 500;
        });

    private async Task<int> RowsAsync()
    {
        await using var db = await host.CreateContextAsync();
        return await db.ModelPrices.CountAsync();
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : InForcePriceCorrectorTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : InForcePriceCorrectorTests(DatabaseKind.Postgres);
}
