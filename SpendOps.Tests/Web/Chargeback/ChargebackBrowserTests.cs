using System.Globalization;
using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Chargeback;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Chargeback;

/// <summary>
/// A finance user opens last month's chargeback by team and model in a browser: the total is the dashboard's, a row
/// drills down to its calls in the usage explorer, and the CSV and Excel downloads total the same.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ChargebackBrowserTests(PortalFixture fixture)
{
    // backend · gpt-4.1 $1.25, backend · claude $0.50, frontend · gpt-4.1 $2.00, no team · gpt-4.1 $0.40.
    private const decimal Total = 4.15m;

    [RequiresChromiumFact]
    public async Task LastMonthByTeamAndModel_TotalMatchesDashboardDrillsDownAndDownloadsReconcile()
    {
        using var stopped = fixture.App.Clock.StopAt(fixture.App.Clock.GetUtcNow());
        var now = fixture.App.Clock.GetUtcNow();
        var lastMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var tenant = await SeedAsync(lastMonth);
        var finance = await fixture.CreateUserAsync(PortalNames.Email("chargeback"), Roles.Finance, tenant.Name);
        await using var session = await fixture.SignInAsync(finance);

        var dashboard = await session.OpenAsync("/");
        await dashboard.Page.GetByRole(AriaRole.Group, new() { Name = "Period" }).GetByText("Last month", new() { Exact = true }).ClickAsync();
        var dashboardTotal = dashboard.Page.Locator(".period-summary .spend-value");
        await Assertions.Expect(dashboardTotal).ToHaveTextAsync("$4.15");

        var page = await session.OpenAsync("/chargeback?by=dim:team,model");
        var month = lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var total = page.Page.Locator(".chargeback-table tfoot td").Nth(1);
        await Assertions.Expect(total).ToHaveTextAsync(await dashboardTotal.TextContentAsync() ?? "");
        await Assertions.Expect(page.Page.Locator(".chargeback-table tbody tr")).ToHaveCountAsync(4);
        await page.ScreenshotAsync("by-team-and-model");
        Assert.EndsWith($"/chargeback?period={month}&by=dim%3Ateam,model", page.Page.Url, StringComparison.Ordinal);

        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Calls behind backend · gpt-4.1" }).ClickAsync();
        // Polled, not awaited as a navigation event: Blazor's in-page navigation may finish before a listener attaches.
        await Assertions.Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/usage\?.*&model=gpt-4\.1&dim=team%3Abackend$"));
        var calls = page.Page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Page.GetByRole(AriaRole.Link) });
        await Assertions.Expect(calls).ToHaveCountAsync(1);
        await Assertions.Expect(calls.First).ToContainTextAsync("$1.25");
        await page.Page.GoBackAsync();
        await Assertions.Expect(total).ToHaveTextAsync("$4.15");

        var csvDownload = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());
        Assert.Equal($"chargeback-{month}.csv", csvDownload.SuggestedFilename);
        var csv = CsvTable.Parse(await File.ReadAllTextAsync(await csvDownload.PathAsync()));
        Assert.Equal(("Total", Total), (csv.Rows[^1]["dim:team"], FocusFileRules.Decimal(csv.Rows[^1]["cost_usd"])));
        Assert.Equal(Total, csv.Rows.SkipLast(1).Sum(r => FocusFileRules.Decimal(r["cost_usd"])));

        var xlsxDownload = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.GetByRole(AriaRole.Link, new() { Name = "Excel" }).ClickAsync());
        Assert.Equal($"chargeback-{month}.xlsx", xlsxDownload.SuggestedFilename);
        await using var xlsx = File.OpenRead(await xlsxDownload.PathAsync());
        var summary = new XlsxReadBack(xlsx).Table("Summary");
        Assert.Equal((double)Total, summary[^1]["Cost USD"].Number!.Value, 9);
        Assert.Equal((double)Total, summary.SkipLast(1).Sum(r => r["Cost USD"].Number!.Value), 9);
        page.AssertNoBrowserErrors();
    }

    private async Task<Tenant> SeedAsync(DateTimeOffset monthStart)
    {
        var tenant = await fixture.EnsureTenantAsync(PortalNames.Unique("chargeback"));
        UsageRecord Record(int day, string model, decimal cost, string? team) => new()
        {
            RequestId = $"{tenant.Name}-{day}", TenantId = tenant.Id, Timestamp = monthStart.AddDays(day).AddHours(12),
            Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai", Endpoint = "chat", ModelRequested = model,
            StatusCode = 200, UsageComplete = true, CostUsd = cost, CostSource = CostSource.Catalog, PricingStatus = PricingStatus.Priced,
            Dims = team is null ? [] : new Dictionary<string, string> { ["team"] = team },
        };
        await fixture.WithDbAsync(async db =>
        {
            foreach (var record in new[]
            {
                Record(1, "gpt-4.1", 1.25m, "backend"), Record(2, "claude-sonnet-4-5", 0.50m, "backend"),
                Record(3, "gpt-4.1", 2.00m, "frontend"), Record(4, "gpt-4.1", 0.40m, null),
            })
            {
                record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
                db.UsageRecords.Add(record);
            }
            return await db.SaveChangesAsync();
        });
        return tenant;
    }
}
