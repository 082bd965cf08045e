using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Chargeback;

/// <summary>
/// The chargeback table by team and model, with long team and model names and costs in the thousands, fits a laptop
/// screen (1366 and 1280 wide) without sideways scrolling, of the page or of the table; on a phone the table scrolls
/// inside its own container and the page still does not. The optional columns appear when asked for.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ChargebackLayoutBrowserTests(PortalFixture fixture)
{
    private const string PageFits = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth";
    private const string TableFits = "() => { const c = document.querySelector('.chargeback-table .mud-table-container'); return c.scrollWidth <= c.clientWidth; }";
    private const string TableScrollsInside = "() => getComputedStyle(document.querySelector('.chargeback-table .mud-table-container')).overflowX === 'auto'";

    [RequiresChromiumFact]
    public async Task ByTeamAndModel_LaptopAndPhoneWidths_NoSidewaysScrollOfThePage()
    {
        using var stopped = fixture.App.Clock.StopAt(fixture.App.Clock.GetUtcNow());
        var now = fixture.App.Clock.GetUtcNow();
        var lastMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var tenant = await SeedAsync(lastMonth);
        var finance = await fixture.CreateUserAsync(PortalNames.Email("chargeback-layout"), Roles.Finance, tenant.Name);
        await using var session = await fixture.SignInAsync(finance);
        var page = await session.OpenAsync("/");
        var rows = page.Page.Locator(".chargeback-table tbody tr");

        foreach (var (width, height) in new[] { (1366, 768), (1280, 800) })
        {
            await page.Page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/chargeback?by=dim:team,model");
            await Assertions.Expect(rows).ToHaveCountAsync(Teams.Length * Models.Length + Models.Length);
            await page.ScreenshotAsync($"laptop-{width}");
            Assert.True(await page.Page.EvaluateAsync<bool>(PageFits), $"The chargeback page scrolls sideways at {width}×{height}.");
            Assert.True(await page.Page.EvaluateAsync<bool>(TableFits), $"The chargeback table scrolls sideways at {width}×{height}.");
            foreach (var header in new[] { "Cost", "Change", "Measured (proxy)", "Estimated (telemetry)" })
                await Assertions.Expect(page.Page.GetByRole(AriaRole.Columnheader, new() { Name = header, Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Previous", Exact = true })).ToBeHiddenAsync();
        }
        var cost = page.Page.Locator(".chargeback-table tfoot td").Nth(1);
        Assert.Equal("right", await cost.EvaluateAsync<string>("e => getComputedStyle(e).textAlign"));

        await page.Page.GetByLabel("Previous period").CheckAsync();
        await Assertions.Expect(page.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Previous", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Catalog price", Exact = true })).ToBeHiddenAsync();

        await page.Page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/chargeback?by=dim:team,model");
        await Assertions.Expect(rows).ToHaveCountAsync(Teams.Length * Models.Length + Models.Length);
        await page.ScreenshotAsync("phone");
        Assert.True(await page.Page.EvaluateAsync<bool>(PageFits), "The chargeback page scrolls sideways on a phone.");
        Assert.True(await page.Page.EvaluateAsync<bool>(TableScrollsInside), "The chargeback table does not scroll inside its own container on a phone.");
        page.AssertNoBrowserErrors();
    }

    private static readonly string[] Teams = ["platform-engineering", "customer-support-automation", "data-science", "mobile-applications"];
    private static readonly string[] Models = ["claude-sonnet-4-5-20250929", "gpt-4.1-mini-2025-04-14", "gemini-2.5-pro-preview-06-05"];

    /// <summary>Every team with every model last month and the month before (costs in the thousands, a tenth estimated by telemetry), plus unattributed calls.</summary>
    private async Task<Tenant> SeedAsync(DateTimeOffset monthStart)
    {
        var tenant = await fixture.EnsureTenantAsync(PortalNames.Unique("chargeback-layout"));
        var n = 0;
        UsageRecord Record(DateTimeOffset at, string model, decimal cost, string? team, bool telemetry) => new()
        {
            RequestId = $"{tenant.Name}-{n++}", TenantId = tenant.Id, Timestamp = at,
            Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : model.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : "gemini",
            Endpoint = "chat", ModelRequested = model, StatusCode = 200, UsageComplete = true, CostUsd = cost,
            Source = telemetry ? UsageSource.Telemetry : UsageSource.Proxy, Estimated = telemetry,
            CostSource = telemetry ? CostSource.Reported : CostSource.Catalog, PricingStatus = telemetry ? PricingStatus.Reported : PricingStatus.Priced,
            Dims = team is null ? [] : new Dictionary<string, string> { ["team"] = team },
        };
        var records = new List<UsageRecord>();
        for (var t = 0; t <= Teams.Length; t++)
        {
            for (var m = 0; m < Models.Length; m++)
            {
                var team = t < Teams.Length ? Teams[t] : null;
                var cost = 1234.56m * (t + 1) + 987.65m * (m + 1);
                records.Add(Record(monthStart.AddDays(3 + m), Models[m], cost, team, telemetry: false));
                records.Add(Record(monthStart.AddDays(10 + m), Models[m], cost / 10, team, telemetry: true));
                records.Add(Record(monthStart.AddMonths(-1).AddDays(5 + m), Models[m], cost * 0.87m, team, telemetry: false));
            }
        }
        await fixture.WithDbAsync(async db =>
        {
            foreach (var record in records)
            {
                record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
                db.UsageRecords.Add(record);
            }
            return await db.SaveChangesAsync();
        });
        return tenant;
    }
}
