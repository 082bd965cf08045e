using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Pages.Usage;

namespace SpendOps.Tests.Web.Components.Pages.Usage;

/// <summary>The usage explorer's grid: records loaded page by page from the database, their badges, the filter and the empty state.</summary>
public sealed class UsageExplorerTests : PortalComponentTests
{
    [Fact]
    public async Task Render_ThreeRecords_ShowsCostTokensAndBadges()
    {
        await using (var db = CreateContext())
        {
            // 1,200 input × $2/M + 300 output × $8/M = $0.0024 + $0.0024 = $0.0048 (gpt-4.1's catalog price).
            var priced = UsageSeed.Record(Tenant.Id, "req-priced", UsageSeed.March.AddMinutes(2));
            priced.Tokens.InputTokens = 1200;
            priced.Tokens.OutputTokens = 300;
            (priced.CostUsd, priced.CostSource, priced.PricingStatus) = (0.0048m, CostSource.Catalog, PricingStatus.Priced);
            var reported = UsageSeed.Record(Tenant.Id, "req-reported", UsageSeed.March.AddMinutes(1));
            (reported.Provider, reported.ModelRequested, reported.Source, reported.Estimated, reported.UsageComplete) =
                ("anthropic", "claude-opus-5-5", UsageSource.Telemetry, true, false);
            (reported.CostUsd, reported.ProviderCostUsd, reported.CostSource, reported.PricingStatus) = (0.0042m, 0.0042m, CostSource.Reported, PricingStatus.Reported);
            var failed = UsageSeed.Record(Tenant.Id, "req-failed", UsageSeed.March);
            failed.StatusCode = 500;
            await UsageSeed.AddAsync(db, priced, reported, failed);
        }

        var page = RenderExplorer();

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        var rows = Rows(page);
        Assert.Contains("2026-03-02 12:02:00", rows[0].TextContent);
        Assert.Contains("1,200 / 0 / 300", rows[0].TextContent);
        Assert.Equal(["200", "proxy", "catalog"], Chips(rows[0]));
        Assert.Contains("$0.0048", rows[0].TextContent);
        Assert.Equal(["200", "incomplete", "telemetry", "estimated", "reported"], Chips(rows[1]));
        Assert.Contains("$0.0042", rows[1].TextContent);
        Assert.Equal(["500", "proxy", "unpriced"], Chips(rows[2]));
        Assert.Contains("—", rows[2].TextContent);
        Assert.Contains("3 record(s) · times in UTC", page.Markup);
    }

    [Fact]
    public async Task NextPage_SixtyRecords_ShowsTheOldestTenOnPageTwo()
    {
        await using (var db = CreateContext())
            await UsageSeed.AddAsync(db, [.. Enumerable.Range(0, 60).Select(i => UsageSeed.Record(Tenant.Id, $"req-{i:00}", UsageSeed.March.AddMinutes(i)))]);
        var page = RenderExplorer();
        page.WaitForAssertion(() => Assert.Contains("1-50 of 60", page.Markup));
        Assert.Equal(50, Rows(page).Count);
        Assert.Contains("Open record req-59", Rows(page)[0].InnerHtml);
        Assert.DoesNotContain("req-09", page.Markup);

        await page.Find("button[aria-label='Next page']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("51-60 of 60", page.Markup));
        Assert.Equal(10, Rows(page).Count);
        Assert.Contains("Open record req-09", Rows(page)[0].InnerHtml);
        Assert.Contains("Open record req-00", Rows(page)[9].InnerHtml);
        Assert.DoesNotContain("req-59", page.Markup);
    }

    [Fact]
    public async Task SortByCost_ClickedTwice_CheapestFirstThenDearestFirstWithUnpricedLast()
    {
        await using (var db = CreateContext())
        {
            var records = new[] { ("req-3c", 0.03m), ("req-1c", 0.01m), ("req-none", (decimal?)null), ("req-2c", 0.02m) }
                .Select((r, i) =>
                {
                    var record = UsageSeed.Record(Tenant.Id, r.Item1, UsageSeed.March.AddMinutes(i));
                    (record.CostUsd, record.PricingStatus) = (r.Item2, r.Item2 is null ? PricingStatus.Unpriced : PricingStatus.Priced);
                    return record;
                });
            await UsageSeed.AddAsync(db, [.. records]);
        }
        var page = RenderExplorer();
        page.WaitForAssertion(() => Assert.Equal(["req-2c", "req-none", "req-1c", "req-3c"], RequestIds(page)));

        await page.FindAll("th .sortable-column-header").Single(h => h.TextContent.Trim() == "Cost").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(["req-1c", "req-2c", "req-3c", "req-none"], RequestIds(page)));

        await page.FindAll("th .sortable-column-header").Single(h => h.TextContent.Trim() == "Cost").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(["req-3c", "req-2c", "req-1c", "req-none"], RequestIds(page)));
    }

    [Fact]
    public async Task ApplyFilters_ModelTyped_ShowsOnlyThatModelAndPutsItInTheAddress()
    {
        await using (var db = CreateContext())
        {
            var claude = UsageSeed.Record(Tenant.Id, "req-claude");
            (claude.Provider, claude.ModelRequested) = ("anthropic", "claude-sonnet-4-5");
            await UsageSeed.AddAsync(db, claude, UsageSeed.Record(Tenant.Id, "req-gpt-1"), UsageSeed.Record(Tenant.Id, "req-gpt-2"));
        }
        var page = RenderExplorer();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));

        await page.Find("input[placeholder='exact model name']").ChangeAsync(new() { Value = "claude-sonnet-4-5" });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Contains("claude-sonnet-4-5", Rows(page)[0].TextContent);
        Assert.Contains("model=claude-sonnet-4-5", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("1 record(s)", page.Markup);
    }

    [Fact]
    public async Task Render_OnlyAnotherTenantsRecords_SaysNoRecordsMatch()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            await db.SaveChangesAsync();
            await UsageSeed.AddAsync(db, UsageSeed.Record(other.Id, "req-theirs"));
        }

        var page = RenderExplorer();

        page.WaitForAssertion(() => Assert.Contains("No records match this filter", page.Markup));
        Assert.Empty(Rows(page));
        Assert.DoesNotContain("req-theirs", page.Markup);
        Assert.Contains("0 record(s)", page.Markup);
    }

    [Fact]
    public void Render_FilterInAddress_CarriesIntoTheExportLinks()
    {
        var page = RenderExplorer(UsageSeed.MarchAddress + "&pricing=reported");

        var csv = page.FindAll("a[download]").Single(a => a.TextContent.Contains("CSV", StringComparison.Ordinal));
        Assert.Equal("api/usage/export?from=2026-03-01T00%3A00%3A00Z&to=2026-04-01T00%3A00%3A00Z&pricing=reported&format=csv", csv.GetAttribute("href"));
    }

    private IRenderedComponent<UsageExplorer> RenderExplorer(string address = UsageSeed.MarchAddress)
    {
        SignIn(Roles.Finance);
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<UsageExplorer>();
    }

    /// <summary>The grid's record rows (not the "no records" row).</summary>
    private static IReadOnlyList<IElement> Rows(IRenderedComponent<UsageExplorer> page) =>
        [.. page.FindAll(".usage-grid tbody tr").Where(r => r.QuerySelector("a[href^='usage/']") is not null)];

    private static string[] RequestIds(IRenderedComponent<UsageExplorer> page) =>
        [.. Rows(page).Select(r => Uri.UnescapeDataString(r.QuerySelector("a[href^='usage/']")!.GetAttribute("href")!["usage/".Length..]))];

    private static string[] Chips(IElement row) => [.. row.QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim())];
}
