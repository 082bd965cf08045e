using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Pricing;

/// <summary><see cref="PriceService.ListPageAsync"/> on a real SQLite database; the host's clock is 2026-03-01 12:00 UTC.</summary>
public abstract class PriceListPageTests(DatabaseKind database) : IAsyncLifetime
{
    private static readonly DateTimeOffset Feb01 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Apr01 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private PricingTestHost host = null!;
    private Tenant tenant = null!;

    public async Task InitializeAsync()
    {
        host = await PricingTestHost.StartAsync(database);
        tenant = await host.AddTenantAsync("acme");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [DatabaseFact]
    public async Task ListPageAsync_HistoryOn_MarksInForceScheduledAndReplaced()
    {
        var first = await SetPriceAsync("acme-model", input: 1m, from: null);
        var current = await SetPriceAsync("acme-model", input: 2m, from: Feb01);
        var later = await SetPriceAsync("acme-model", input: 3m, from: Apr01);

        var page = await ListPageAsync(new PriceQuery(Model: "acme-model", History: true), 0, 10);

        Assert.Equal(3, page.TotalCount);
        Assert.Equal(
            [(later.Id, PriceVersionState.Scheduled), (current.Id, PriceVersionState.InForce), (first.Id, PriceVersionState.Replaced)],
            page.Items.Select(i => (i.Price.Id, i.State)));
    }

    [DatabaseFact]
    public async Task ListPageAsync_HistoryOff_ListsVersionInForceAndScheduledOnly()
    {
        await SetPriceAsync("acme-model", input: 1m, from: null);
        var current = await SetPriceAsync("acme-model", input: 2m, from: Feb01);
        var later = await SetPriceAsync("acme-model", input: 3m, from: Apr01);

        var page = await ListPageAsync(new PriceQuery(Model: "acme-model"), 0, 10);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(
            [(later.Id, PriceVersionState.Scheduled), (current.Id, PriceVersionState.InForce)],
            page.Items.Select(i => (i.Price.Id, i.State)));
    }

    [DatabaseFact]
    public async Task ListPageAsync_SkipAndTake_ReturnsThatSliceOfTheOrderedListWithTotal()
    {
        foreach (var name in new[] { "page-e", "page-a", "page-d", "page-b", "page-c" })
            await SetPriceAsync(name, input: 1m, from: null);

        var page = await ListPageAsync(new PriceQuery(Model: "page-*"), 2, 2);

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["page-c", "page-d"], page.Items.Select(i => i.Price.ModelKey));
    }

    [DatabaseFact]
    public async Task ListPageAsync_TenantQuery_ListsOnlyThatTenantsPrices()
    {
        var other = await host.AddTenantAsync("other");
        await SetPriceAsync("shared-model", input: 1m, from: null);
        var own = await SetPriceAsync("shared-model", input: 0.8m, from: null, tenantId: tenant.Id);
        await SetPriceAsync("shared-model", input: 0.7m, from: null, tenantId: other.Id);

        var page = await ListPageAsync(new PriceQuery(TenantId: tenant.Id), 0, 10);

        var item = Assert.Single(page.Items);
        Assert.Equal((own.Id, PriceVersionState.InForce), (item.Price.Id, item.State));
    }

    private Task<ModelPrice> SetPriceAsync(string model, decimal input, DateTimeOffset? from, Guid? tenantId = null) =>
        host.InScopeAsync(s => s.GetRequiredService<PriceService>().SetPriceAsync(
            new ModelPrice { TenantId = tenantId, Provider = "openai", ModelKey = model, InputPerMTok = input, OutputPerMTok = 4m, CreatedBy = "" },
            from, "admin@test", default));

    private Task<PricePage> ListPageAsync(PriceQuery query, int skip, int take) =>
        host.InScopeAsync(s => s.GetRequiredService<PriceService>().ListPageAsync(query, skip, take, default));

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : PriceListPageTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : PriceListPageTests(DatabaseKind.Postgres);
}
