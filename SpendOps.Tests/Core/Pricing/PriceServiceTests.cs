using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing;

public abstract class PriceServiceTests(DatabaseKind database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Jan15 = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb01 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb15 = new(2026, 2, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Mar01 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private PricingTestHost host = null!;
    private Tenant tenant = null!;

    public async Task InitializeAsync()
    {
        host = await PricingTestHost.StartAsync(database);
        tenant = await host.AddTenantAsync("acme");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [DatabaseFact]
    public async Task RerateAsync_CorrectedPrice_ChangesOnlyChosenPeriodWithAuditEntry()
    {
        await SetPriceAsync(input: 2m, from: null);
        var january = await host.AddRecordAsync(tenant.Id, "openai", "gpt-4.1", Jan15, r => r.Tokens.InputTokens = 1000);
        var february = await host.AddRecordAsync(tenant.Id, "openai", "gpt-4.1", Feb15, r => r.Tokens.InputTokens = 1000);
        await host.Services.GetRequiredService<PricingRunner>().RunOnceAsync(default);
        // The catalog price was wrong since the start of the year: correct it from Jan 1.
        var corrected = await SetPriceAsync(input: 1.5m, from: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var period = new RerateRequest(Feb01, Mar01, TenantScope.AllTenants);

        var preview = await Service(s => s.PreviewRerateAsync(period, default));
        var unchangedByPreview = await host.GetRecordAsync(february.Id);
        var result = await Service(s => s.RerateAsync(period, "admin@test", default));

        // Before: 1000 × $2/M = 0.002; after: 1000 × $1.5/M = 0.0015
        var expected = new RerateResult(Examined: 1, Changed: 1, CostBefore: 0.002m, CostAfter: 0.0015m);
        Assert.Equal(expected, preview);
        Assert.Equal(0.002m, unchangedByPreview.CostUsd);
        Assert.Equal(expected, result);
        var feb = await host.GetRecordAsync(february.Id);
        Assert.Equal((0.0015m, corrected.Id), (feb.CostUsd!.Value, feb.PriceId!.Value));
        Assert.Equal(0.002m, (await host.GetRecordAsync(january.Id)).CostUsd);
        await using var db = await host.CreateContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "price.rerated");
        Assert.Equal("admin@test", audit.Actor);
        Assert.Contains("1 records, 1 changed", audit.Details, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task RerateAsync_AgainWithoutPriceChange_ChangesNothing()
    {
        await SetPriceAsync(input: 2m, from: null);
        await host.AddRecordAsync(tenant.Id, "openai", "gpt-4.1", Feb15, r => r.Tokens.InputTokens = 1000);
        await host.Services.GetRequiredService<PricingRunner>().RunOnceAsync(default);

        var result = await Service(s => s.RerateAsync(new RerateRequest(Feb01, Mar01, TenantScope.AllTenants), "admin@test", default));

        Assert.Equal(new RerateResult(1, 0, 0.002m, 0.002m), result);
    }

    [DatabaseFact]
    public async Task RerateAsync_EmptyPeriod_DomainError()
    {
        await Assert.ThrowsAsync<DomainException>(() => Service(s => s.RerateAsync(new RerateRequest(Mar01, Feb01, TenantScope.AllTenants), "admin@test", default)));
    }

    [DatabaseFact]
    public async Task SetPriceAsync_SecondVersionWithoutDate_EffectiveNow()
    {
        var first = await SetPriceAsync(input: 2m, from: null);
        var second = await SetPriceAsync(input: 1m, from: null);

        Assert.Equal(CatalogImporter.FirstPriceEffectiveFrom, first.EffectiveFrom);
        Assert.Equal(host.Clock.Now, second.EffectiveFrom);
        Assert.Equal(PriceSource.Manual, second.Source);
        await using var db = await host.CreateContextAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "price.set" && a.EntityId == "openai/gpt-4.1"));
    }

    [DatabaseTheory]
    [InlineData("nope", "gpt-x", "1", null)]
    [InlineData("openai", "", "1", null)]
    [InlineData("openai", "gpt x", "1", null)]
    [InlineData("openai", "gpt-x", "-1", null)]
    [InlineData("openai", "gpt-x", "1", "ultra")]
    public async Task SetPriceAsync_InvalidInput_DomainError(string provider, string model, string input, string? tier)
    {
        var price = new ModelPrice { Provider = provider, ModelKey = model, InputPerMTok = decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture), ServiceTier = tier, CreatedBy = "" };

        await Assert.ThrowsAsync<DomainException>(() => Service(s => s.SetPriceAsync(price, null, "admin@test", default)));
    }

    [DatabaseFact]
    public async Task SetPriceAsync_SameDateTwice_DomainError()
    {
        await SetPriceAsync(input: 2m, from: Feb01);

        await Assert.ThrowsAsync<DomainException>(() => SetPriceAsync(input: 3m, from: Feb01));
    }

    [DatabaseFact]
    public async Task ListAsync_ModelFilter_CurrentVersionsOnlyUnlessHistory()
    {
        await SetPriceAsync(input: 2m, from: null);
        await SetPriceAsync(input: 1m, from: Feb01);
        await Service(s => s.SetPriceAsync(new ModelPrice { Provider = "anthropic", ModelKey = "claude-sonnet-4-5", InputPerMTok = 3m, CreatedBy = "" }, null, "admin@test", default));

        var current = await Service(s => s.ListAsync(new PriceQuery(Model: "GPT"), default));
        var history = await Service(s => s.ListAsync(new PriceQuery(Model: "gpt-*", History: true), default));
        var byProvider = await Service(s => s.ListAsync(new PriceQuery(Provider: "anthropic"), default));

        Assert.Equal(1m, Assert.Single(current).InputPerMTok);
        Assert.Equal([1m, 2m], history.Select(p => p.InputPerMTok));
        Assert.Equal("claude-sonnet-4-5", Assert.Single(byProvider).ModelKey);
    }

    [DatabaseFact]
    public async Task ListUnpricedModelsAsync_SeveralRecords_GroupedWithFirstAndLastSeen()
    {
        foreach (var at in new[] { Feb15, Jan15, Mar01 })
            await host.AddRecordAsync(tenant.Id, "nebius", "meta-llama/Llama-3.3-70B-Instruct", at, r => r.PricingStatus = PricingStatus.Unpriced);
        await host.AddRecordAsync(tenant.Id, "openai", "gpt-x", Jan15, r => r.PricingStatus = PricingStatus.Unpriced);
        var otherTenant = await host.AddTenantAsync("other");
        await host.AddRecordAsync(otherTenant.Id, "openai", "gpt-y", Jan15, r => r.PricingStatus = PricingStatus.Unpriced);

        var models = await Service(s => s.ListUnpricedModelsAsync(TenantScope.Of(tenant.Id), default));

        Assert.Equal(
            [new UnpricedModel("nebius", "meta-llama/Llama-3.3-70B-Instruct", 3, Jan15, Mar01), new UnpricedModel("openai", "gpt-x", 1, Jan15, Jan15)],
            models);
    }

    private Task<ModelPrice> SetPriceAsync(decimal input, DateTimeOffset? from) =>
        Service(s => s.SetPriceAsync(new ModelPrice { Provider = "openai", ModelKey = "gpt-4.1", InputPerMTok = input, OutputPerMTok = input * 4, CreatedBy = "" }, from, "admin@test", default));

    private Task<T> Service<T>(Func<PriceService, Task<T>> action) => host.InScopeAsync(s => action(s.GetRequiredService<PriceService>()));

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : PriceServiceTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : PriceServiceTests(DatabaseKind.Postgres);
}
