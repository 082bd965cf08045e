using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing;

/// <summary>The pricing job's work on a real SQLite database, triggered directly.</summary>
public abstract class PricingRunnerTests(DatabaseKind database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Jan10 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb01 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb10 = new(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);

    private PricingTestHost host = null!;
    private Tenant tenant = null!;

    public async Task InitializeAsync()
    {
        host = await PricingTestHost.StartAsync(database);
        tenant = await host.AddTenantAsync("acme");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [DatabaseFact]
    public async Task RunOnceAsync_TwoEffectiveDates_EachRecordPricedAtItsOwnTime()
    {
        var before = await SetPriceAsync("openai", "gpt-4.1", input: 2m, output: 8m, from: null);
        var after = await SetPriceAsync("openai", "gpt-4.1", input: 1m, output: 4m, from: Feb01);
        var january = await AddRecordAsync("gpt-4.1-2025-04-14", Jan10, input: 1000, output: 100);
        var february = await AddRecordAsync("gpt-4.1-2025-04-14", Feb10, input: 1000, output: 100);

        var result = await RunAsync();

        Assert.Equal(new PricingRunResult(2, 2, 0, 0), result);
        var jan = await host.GetRecordAsync(january.Id);
        var feb = await host.GetRecordAsync(february.Id);
        // 1000 × $2/M + 100 × $8/M = 0.002 + 0.0008 = 0.0028
        Assert.Equal((PricingStatus.Priced, 0.0028m, before.Id), (jan.PricingStatus, jan.CostUsd!.Value, jan.PriceId!.Value));
        // 1000 × $1/M + 100 × $4/M = 0.001 + 0.0004 = 0.0014
        Assert.Equal((PricingStatus.Priced, 0.0014m, after.Id), (feb.PricingStatus, feb.CostUsd!.Value, feb.PriceId!.Value));
        Assert.Equal(host.Clock.Now, feb.PricedAt);
    }

    [DatabaseFact]
    public async Task RunOnceAsync_UnknownModelThenPriceAdded_UnpricedThenPriced()
    {
        var record = await AddRecordAsync("acme-llm-1", Jan10, input: 2000, output: 500, provider: "nebius");

        var first = await RunAsync();
        var unpriced = await host.GetRecordAsync(record.Id);
        var listed = await host.InScopeAsync(s => s.GetRequiredService<PriceService>().ListUnpricedModelsAsync(TenantScope.AllTenants, default));

        Assert.Equal(new PricingRunResult(1, 0, 1, 0), first);
        Assert.Equal((PricingStatus.Unpriced, (decimal?)null, (long?)null), (unpriced.PricingStatus, unpriced.CostUsd, unpriced.PriceId));
        var model = Assert.Single(listed);
        Assert.Equal(("nebius", "acme-llm-1", 1, Jan10, Jan10), (model.Provider, model.Model, model.Records, model.FirstSeen, model.LastSeen));

        // Nothing changed in the price table: the unpriced record is not re-read.
        Assert.Equal(new PricingRunResult(0, 0, 0, 0), await RunAsync());

        host.Clock.Now = host.Clock.Now.AddDays(1);
        await SetPriceAsync("nebius", "nebius/acme-llm-1", input: 0.13m, output: 0.4m, from: null);
        var second = await RunAsync();

        Assert.Equal(new PricingRunResult(1, 1, 0, 0), second);
        // 2000 × $0.13/M + 500 × $0.4/M = 0.00026 + 0.0002 = 0.00046
        Assert.Equal(0.00046m, (await host.GetRecordAsync(record.Id)).CostUsd);
        Assert.Empty(await host.InScopeAsync(s => s.GetRequiredService<PriceService>().ListUnpricedModelsAsync(TenantScope.AllTenants, default)));
    }

    [DatabaseFact]
    public async Task RunOnceAsync_NoPriceButReportedCost_CountsItUntilARerateMovesItToTheNewPrice()
    {
        var record = await AddRecordAsync("acme-llm-2", Jan10, input: 2000, output: 500, provider: "openrouter", configure: r => r.ProviderCostUsd = 0.0031m);
        var noCostAtAll = await AddRecordAsync("acme-llm-2", Jan10, input: 100, output: 10, provider: "openrouter");

        var first = await RunAsync();
        var reported = await host.GetRecordAsync(record.Id);
        var unpriced = await host.GetRecordAsync(noCostAtAll.Id);

        Assert.Equal(new PricingRunResult(2, 0, 1, 0, Reported: 1), first);
        Assert.Equal((PricingStatus.Reported, 0.0031m, CostSource.Reported, (long?)null), (reported.PricingStatus, reported.CostUsd!.Value, reported.CostSource, reported.PriceId));
        Assert.Equal((PricingStatus.Unpriced, (decimal?)null, (CostSource?)null), (unpriced.PricingStatus, unpriced.CostUsd, unpriced.CostSource));
        var listed = Assert.Single(await host.InScopeAsync(s => s.GetRequiredService<PriceService>().ListUnpricedModelsAsync(TenantScope.AllTenants, default)));
        Assert.Equal((2, 1), (listed.Records, listed.Reported));

        host.Clock.Now = host.Clock.Now.AddDays(1);
        var price = await SetPriceAsync("openrouter", "openrouter/acme-llm-2", input: 1m, output: 2m, from: null);
        await RunAsync();

        // The job prices the unpriced call (100 × $1/M + 10 × $2/M = 0.00012) and leaves the reported one as it was.
        Assert.Equal(0.00012m, (await host.GetRecordAsync(noCostAtAll.Id)).CostUsd);
        var kept = await host.GetRecordAsync(record.Id);
        Assert.Equal((PricingStatus.Reported, 0.0031m), (kept.PricingStatus, kept.CostUsd!.Value));

        var rerate = await host.InScopeAsync(s => s.GetRequiredService<PriceService>().RerateAsync(new RerateRequest(Jan10, Jan10.AddDays(1), TenantScope.AllTenants), "admin@test", default));
        var moved = await host.GetRecordAsync(record.Id);

        // 2000 × $1/M + 500 × $2/M = 0.002 + 0.001 = 0.003
        Assert.Equal(new RerateResult(Examined: 2, Changed: 1, CostBefore: 0.0031m + 0.00012m, CostAfter: 0.003m + 0.00012m, FromReported: 1), rerate);
        Assert.Equal((PricingStatus.Priced, 0.003m, CostSource.Catalog, price.Id, 0.0031m),
            (moved.PricingStatus, moved.CostUsd!.Value, moved.CostSource, moved.PriceId!.Value, moved.ProviderCostUsd!.Value));
    }

    [DatabaseFact]
    public async Task RunOnceAsync_NotBillable_ZeroCostNotBillable()
    {
        await SetPriceAsync("anthropic", "claude-sonnet-4-5", input: 3m, output: 15m, from: null);
        var record = await AddRecordAsync("claude-sonnet-4-5", Jan10, input: 5000, provider: "anthropic", configure: r => r.Billable = false);

        var result = await RunAsync();

        Assert.Equal(new PricingRunResult(1, 0, 0, 1), result);
        var saved = await host.GetRecordAsync(record.Id);
        Assert.Equal((PricingStatus.NotBillable, 0m, (long?)null), (saved.PricingStatus, saved.CostUsd!.Value, saved.PriceId));
    }

    [DatabaseFact]
    public async Task RunOnceAsync_IncompleteUsage_PricedOnWhatWasSeenAndStillFlagged()
    {
        await SetPriceAsync("openai", "gpt-4.1", input: 2m, output: 8m, from: null);
        var record = await AddRecordAsync("gpt-4.1", Jan10, input: 1000, output: 10, configure: r => r.UsageComplete = false);

        await RunAsync();

        var saved = await host.GetRecordAsync(record.Id);
        // 1000 × $2/M + 10 × $8/M = 0.002 + 0.00008 = 0.00208
        Assert.Equal((PricingStatus.Priced, 0.00208m, false), (saved.PricingStatus, saved.CostUsd!.Value, saved.UsageComplete));
    }

    [DatabaseFact]
    public async Task RunOnceAsync_TenantOverrideAndDiscount_TenantPricesWin()
    {
        var other = await host.AddTenantAsync("other");
        var discounted = await host.AddTenantAsync("discounted");
        await SetPriceAsync("anthropic", "claude-sonnet-4-5", input: 3m, output: 15m, from: null);
        var negotiated = await SetPriceAsync("anthropic", "claude-sonnet-4-5", input: 2.4m, output: 12m, from: null, tenantId: tenant.Id);
        await host.InScopeAsync(s => s.GetRequiredService<PriceService>().SetDiscountAsync(
            new PriceDiscount { TenantId = discounted.Id, Provider = "anthropic", Percent = 10m, CreatedBy = "" }, Jan10.AddDays(-1), "admin@test", default));
        var own = await AddRecordAsync("claude-sonnet-4-5-20250929", Jan10, input: 1000, output: 100, provider: "anthropic");
        var global = await AddRecordAsync("claude-sonnet-4-5-20250929", Jan10, input: 1000, output: 100, provider: "anthropic", tenantId: other.Id);
        var lessTen = await AddRecordAsync("claude-sonnet-4-5-20250929", Jan10, input: 1000, output: 100, provider: "anthropic", tenantId: discounted.Id);

        await RunAsync();

        // Tenant price: 1000 × $2.4/M + 100 × $12/M = 0.0024 + 0.0012 = 0.0036
        var ownSaved = await host.GetRecordAsync(own.Id);
        Assert.Equal((0.0036m, negotiated.Id, CostSource.TenantPrice), (ownSaved.CostUsd!.Value, ownSaved.PriceId!.Value, ownSaved.CostSource));
        // Global price: 1000 × $3/M + 100 × $15/M = 0.003 + 0.0015 = 0.0045
        var globalSaved = await host.GetRecordAsync(global.Id);
        Assert.Equal((0.0045m, CostSource.Catalog), (globalSaved.CostUsd!.Value, globalSaved.CostSource));
        // Global price less 10 %: 0.0045 - 0.00045 = 0.00405
        var lessTenSaved = await host.GetRecordAsync(lessTen.Id);
        Assert.Equal((0.00405m, CostSource.Catalog), (lessTenSaved.CostUsd!.Value, lessTenSaved.CostSource));
    }

    [DatabaseFact]
    public async Task RunOnceAsync_MoreRecordsThanBatch_AllPriced()
    {
        await SetPriceAsync("groq", "groq/llama-3.3-70b-versatile", input: 0.59m, output: 0.79m, from: null);
        await using (var db = await host.CreateContextAsync())
        {
            for (var i = 0; i < 1203; i++)
            {
                db.UsageRecords.Add(new UsageRecord
                {
                    RequestId = $"r{i}", TenantId = tenant.Id, Timestamp = Jan10, Provider = "groq", Endpoint = "chat",
                    ModelReported = "llama-3.3-70b-versatile", Tokens = new TokenCounts { InputTokens = 40, OutputTokens = 3 },
                    UsageComplete = true,
                });
            }
            await db.SaveChangesAsync();
        }

        var result = await RunAsync();

        Assert.Equal(1203, result.Priced);
    }

    private Task<PricingRunResult> RunAsync() => host.Services.GetRequiredService<PricingRunner>().RunOnceAsync(default);

    private Task<ModelPrice> SetPriceAsync(string? provider, string key, decimal input, decimal output, DateTimeOffset? from, Guid? tenantId = null) =>
        host.InScopeAsync(s => s.GetRequiredService<PriceService>().SetPriceAsync(
            new ModelPrice { Provider = provider, ModelKey = key, InputPerMTok = input, OutputPerMTok = output, TenantId = tenantId, CreatedBy = "" },
            from, "admin@test", default));

    private Task<UsageRecord> AddRecordAsync(
        string model, DateTimeOffset at, long input = 0, long output = 0, string provider = "openai", Guid? tenantId = null, Action<UsageRecord>? configure = null) =>
        host.AddRecordAsync(tenantId ?? tenant.Id, provider, model, at, r =>
        {
            r.Tokens.InputTokens = input;
            r.Tokens.OutputTokens = output;
            configure?.Invoke(r);
        });

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : PricingRunnerTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : PricingRunnerTests(DatabaseKind.Postgres);
}
