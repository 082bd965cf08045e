using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Usage;

/// <summary>The usage explorer in a browser: a filter picked in the panel lands in the address and narrows the rows; on a phone the pages fit the screen.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class UsageExplorerBrowserTests(PortalFixture fixture)
{
    private const string March = "/usage?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z";

    [RequiresChromiumFact]
    public async Task ApplyFilters_ReportedCostPicked_ShowsOnlyReportedRecordsAndKeepsTheFilterInTheAddress()
    {
        var tenant = await SeedAsync();
        var finance = await fixture.CreateUserAsync(PortalNames.Email("usage-filter"), Roles.Finance, tenant.Name);
        await using var session = await fixture.SignInAsync(finance);
        var explorer = await session.OpenAsync(March);
        var rows = explorer.Page.GetByRole(AriaRole.Row).Filter(new() { Has = explorer.Page.GetByRole(AriaRole.Link) });
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // A click that lands while the drop-down is still opening over the circuit can close it unchosen; pick again then.
        var pricing = explorer.Page.GetByLabel("Pricing", new() { Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            await pricing.ClickAsync();
            await explorer.Page.GetByRole(AriaRole.Option, new() { Name = "reported cost" }).ClickAsync();
            try
            {
                await Assertions.Expect(pricing).ToHaveValueAsync("reported cost", new() { Timeout = 5000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
        await explorer.Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        // Polled, not awaited as a navigation event: the in-page navigation may come before a waiter is listening.
        await Assertions.Expect(explorer.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("pricing=reported"));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("claude-opus-5-5");
        await Assertions.Expect(explorer.Page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("pricing=reported"));
        await explorer.ScreenshotAsync("filtered-reported");
        explorer.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task ExplorerAndDetail_PhoneWidth_FitTheScreen()
    {
        var tenant = await SeedAsync();
        var finance = await fixture.CreateUserAsync(PortalNames.Email("usage-phone"), Roles.Finance, tenant.Name);
        await using var session = await fixture.SignInAsync(finance);
        var page = await session.OpenAsync("/");
        await page.Page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync(March);
        await page.Page.GetByText("claude-opus-5-5").First.WaitForAsync();
        await page.ScreenshotAsync("phone-explorer");
        Assert.True(await FitsAsync(page.Page), "The usage explorer is wider than a phone's screen.");

        await page.GotoAsync($"/usage/{tenant.Name}-reported");
        await page.Page.GetByRole(AriaRole.Heading, new() { Name = "anthropic · claude-opus-5-5" }).WaitForAsync();
        await page.ScreenshotAsync("phone-detail");
        Assert.True(await FitsAsync(page.Page), "The usage record page is wider than a phone's screen.");
        page.AssertNoBrowserErrors();
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    /// <summary>A new tenant with a priced OpenAI call and a Claude Code call whose cost is the one it reported, in March 2026.</summary>
    private async Task<Tenant> SeedAsync()
    {
        var tenant = await fixture.EnsureTenantAsync(PortalNames.Unique("usage"));
        UsageRecord Record(string id, string provider, string model) => new()
        {
            RequestId = $"{tenant.Name}-{id}", TenantId = tenant.Id, Timestamp = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero),
            Provider = provider, Endpoint = "chat", ModelRequested = model, StatusCode = 200, UsageComplete = true,
            Dims = new Dictionary<string, string> { ["team"] = "backend" },
        };
        var priced = Record("priced", "openai", "gpt-4.1");
        (priced.CostUsd, priced.CostSource, priced.PricingStatus) = (0.0048m, CostSource.Catalog, PricingStatus.Priced);
        var reported = Record("reported", "anthropic", "claude-opus-5-5");
        (reported.Source, reported.CostUsd, reported.ProviderCostUsd, reported.CostSource, reported.PricingStatus) =
            (UsageSource.Telemetry, 0.0042m, 0.0042m, CostSource.Reported, PricingStatus.Reported);
        await fixture.WithDbAsync(async db =>
        {
            foreach (var record in new[] { priced, reported })
            {
                record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
                db.UsageRecords.Add(record);
            }
            return await db.SaveChangesAsync();
        });
        return tenant;
    }
}
