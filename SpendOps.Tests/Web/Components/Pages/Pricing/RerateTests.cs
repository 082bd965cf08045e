using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Web.Components.Pages.Pricing;

namespace SpendOps.Tests.Web.Components.Pages.Pricing;

/// <summary>
/// Re-rating November 2026 after acme-chat got its price ($2 input, $8 output per million tokens), over three calls:
/// <list type="bullet">
/// <item>priced at an old rate: $0.50, now 100,000 × $2 + 25,000 × $8 per million = $0.20 + $0.20 = $0.40;</item>
/// <item>at the $0.30 its source reported (no price then), now 50,000 × $2 per million = $0.10;</item>
/// <item>already at the current price: 10,000 × $2 per million = $0.02, unchanged.</item>
/// </list>
/// So 3 records, 2 would change, 1 of them from a reported cost; cost $0.82 before, $0.52 after, $0.30 less.
/// </summary>
public sealed class RerateTests : PricingComponentTests
{
    private static readonly DateTimeOffset MidNovember = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public RerateTests()
        : base(new ManualClock(MidNovember))
    {
    }

    [Fact]
    public async Task ConfirmDialog_SeededPreview_ShowsCountsTotalsAndReportedRecords()
    {
        await SeedNovemberAsync();
        var period = SpendPeriod.Resolve(SpendPeriodKind.ThisMonth, TenantCalendar.Utc, MidNovember);
        RerateResult preview;
        await using (var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
            preview = await scope.ServiceProvider.GetRequiredService<PriceService>()
                .PreviewRerateAsync(new RerateRequest(period.From, period.To, TenantScope.Of(Tenant.Id)), CancellationToken.None);
        SignIn(Roles.Admin);
        var providers = RenderProviders();

        await ShowAsync<RerateConfirmDialog>("Re-rate this period?", new DialogParameters<RerateConfirmDialog>
        {
            { d => d.Preview, preview }, { d => d.Period, period }, { d => d.Zone, "UTC" },
        });

        var texts = providers.FindAll(".rerate-summary p").Select(p => p.TextContent.Trim()).ToList();
        Assert.Equal(
        [
            "3 records from 2026-11-01 to 2026-11-30 (UTC); 2 would change.",
            "Cost before: $0.82. Cost after: $0.52 (−$0.30).",
            "1 of them now count at the cost their source reported (their model had no price) and would move to our price.",
            "The change is recorded in the audit log. It can be undone only by correcting prices and re-rating again.",
        ], texts);
        Assert.Contains("Re-rate 2 records", providers.ButtonTexts());
        Assert.Contains("Cancel", providers.ButtonTexts());
    }

    [Fact]
    public async Task ConfirmDialog_AllTenantsWithoutReportedRecords_SaysEveryTenantAndNoReportedLine()
    {
        SignIn(Roles.Admin, Roles.GlobalAdmin);
        var providers = RenderProviders();
        var period = SpendPeriod.Resolve(SpendPeriodKind.ThisMonth, TenantCalendar.Utc, MidNovember);

        await ShowAsync<RerateConfirmDialog>("Re-rate this period?", new DialogParameters<RerateConfirmDialog>
        {
            { d => d.Preview, new RerateResult(1_200, 40, 10m, 12.5m) }, { d => d.Period, period }, { d => d.Zone, "Europe/Berlin" },
            { d => d.AllTenants, true },
        });

        var texts = providers.FindAll(".rerate-summary p").Select(p => p.TextContent.Trim()).ToList();
        Assert.Equal("1,200 records from 2026-11-01 to 2026-11-30 (Europe/Berlin) of every tenant; 40 would change.", texts[0]);
        Assert.Equal("Cost before: $10.00. Cost after: $12.50 (+$2.50).", texts[1]);
        Assert.DoesNotContain(texts, t => t.Contains("reported", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Form_PreviewThenConfirm_RepricesAndReportsTheTotals()
    {
        await SeedNovemberAsync();
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var form = RenderForm();

        // The click's handler waits for the confirmation, so it completes only once the dialog is answered.
        var previewing = form.ButtonNamed("Preview re-rate…").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Re-rate 2 records", providers.ButtonTexts()));
        await providers.ButtonNamed("Re-rate 2 records").ClickAsync(new());
        await previewing;

        form.WaitForAssertion(() => Assert.Equal(
            "Re-rated 2 of 3 records (1 from a reported cost to our price): cost $0.82 → $0.52.", form.Find("[role=status].mud-alert").TextContent.Trim()));
        await using var db = CreateContext();
        Assert.Equal(0.52m, await db.UsageRecords.Where(r => r.TenantId == Tenant.Id).SumAsync(r => r.CostUsd));
    }

    [Fact]
    public async Task Form_PreviewThenCancel_ChangesNothing()
    {
        await SeedNovemberAsync();
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var form = RenderForm();

        var previewing = form.ButtonNamed("Preview re-rate…").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Re-rate 2 records", providers.ButtonTexts()));
        await providers.ButtonNamed("Cancel").ClickAsync(new());
        await previewing;

        providers.WaitForAssertion(() => Assert.DoesNotContain("Re-rate 2 records", providers.ButtonTexts()));
        await using var db = CreateContext();
        Assert.Equal(0.82m, await db.UsageRecords.Where(r => r.TenantId == Tenant.Id).SumAsync(r => r.CostUsd));
    }

    [Fact]
    public void Form_NoCallsInThePeriod_SaysThereIsNothingToRerate()
    {
        SignIn(Roles.Admin);
        RenderProviders();
        var form = RenderForm();

        form.ButtonNamed("Preview re-rate…").Click();

        form.WaitForAssertion(() => Assert.Equal(
            "No calls in this period match; there is nothing to re-rate.", form.Find("[role=status].mud-alert").TextContent.Trim()));
    }

    [Fact]
    public void Form_TenantAdmin_HasNoAllTenantsChoice()
    {
        SignIn(Roles.Admin);
        RenderProviders();

        var form = RenderForm();

        Assert.DoesNotContain("All tenants", form.Markup);
    }

    private IRenderedComponent<RerateForm> RenderForm() => Render<RerateForm>(p => p
        .Add(f => f.Calendar, TenantCalendar.Utc)
        .Add(f => f.Today, DateOnly.FromDateTime(MidNovember.UtcDateTime)));

    private async Task SeedNovemberAsync()
    {
        var price = await SeedPriceAsync("acme-chat", 2m, 8m);
        await using var db = CreateContext();
        db.UsageRecords.AddRange(
            Call("old-rate", 100_000, 25_000, PricingStatus.Priced, 0.50m, CostSource.Catalog, priceId: null),
            Call("reported", 50_000, 0, PricingStatus.Reported, 0.30m, CostSource.Reported, priceId: null, providerCost: 0.30m),
            Call("current", 10_000, 0, PricingStatus.Priced, 0.02m, CostSource.Catalog, price.Id));
        await db.SaveChangesAsync();
    }

    private UsageRecord Call(string id, long input, long output, PricingStatus status, decimal cost, CostSource source, long? priceId, decimal? providerCost = null) => new()
    {
        RequestId = $"{Tenant.Id:N}-{id}", TenantId = Tenant.Id, Timestamp = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero),
        Provider = "openai", Endpoint = "chat", ModelRequested = "acme-chat", StatusCode = 200, UsageComplete = true,
        Tokens = new TokenCounts { InputTokens = input, OutputTokens = output },
        PricingStatus = status, CostUsd = cost, CostSource = source, PriceId = priceId, ProviderCostUsd = providerCost,
    };
}
