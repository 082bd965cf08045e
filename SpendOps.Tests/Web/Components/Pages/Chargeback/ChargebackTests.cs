using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Web.Components.Pages.Usage;
using ChargebackPage = SpendOps.Web.Components.Pages.Chargeback.Chargeback;

namespace SpendOps.Tests.Web.Components.Pages.Chargeback;

/// <summary>The chargeback page: its pivot table worked out from seeded records, and its view kept in the address.</summary>
public sealed class ChargebackTests : PortalComponentTests
{
    private const string ByTeamAndModel = "chargeback?period=2026-11&by=dim:team,model";

    // 5 December 2026: last month is November.
    public ChargebackTests() => Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task Render_ByTeamAndModel_ShowsCostsSharesChangeAndUnattributedLastWithTotal()
    {
        await SeedAsync();

        var page = RenderPage(ByTeamAndModel);

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        var rows = Rows(page);
        // backend · gpt-4.1: $4.00 of $10.00 = 40%, up $2.00 on October's $2.00; all measured, all at a catalog price.
        Assert.Equal(["backend", "gpt-4.1", "2", "$4.00", "40.0%", "$2.00", "+$2.00 (+100.0%)", "$4.00", "$0.00", "$4.00", "$0.00"], Cells(rows[0]));
        // frontend · claude: $2.00 = 20%, new this month, estimated by telemetry at the cost it reported (provider's figure only for priced calls).
        Assert.Equal(["frontend", "claude-sonnet-4-5", "1", "$2.00", "20.0%", "$0.00", "+$2.00", "$0.00", "$2.00", "$0.00", "$2.00"], Cells(rows[1]));
        Assert.Equal(["(unattributed)", "gpt-4.1", "1", "$4.00", "40.0%", "$0.00", "+$4.00", "$4.00", "$0.00", "$4.00", "$0.00"], Cells(rows[2]));
        Assert.Contains("unattributed", rows[2].ClassList);
        Assert.Equal(["Total", "4", "$10.00", "100.0%", "$2.00", "+$8.00 (+400.0%)", "$8.00", "$2.00", "$8.00", "$2.00"], Cells(page.Find("tfoot tr")));
        Assert.Contains("1 Nov 2026 – 30 Nov 2026, compared with 1 Oct 2026 – 31 Oct 2026", page.Markup);
        Assert.DoesNotContain("Allocated", page.Find("thead").TextContent);
    }

    [Fact]
    public async Task Render_Row_LinksToTheUsageExplorerWithItsFiltersButNotForTheUnattributedRow()
    {
        await SeedAsync();

        var page = RenderPage(ByTeamAndModel);

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        var links = page.FindAll("tbody a[href^='usage?']");
        Assert.Equal(2, links.Count);
        Assert.Equal("usage?from=2026-11-01T00%3A00%3A00Z&to=2026-12-01T00%3A00%3A00Z&model=gpt-4.1&dim=team%3Abackend", links[0].GetAttribute("href"));
        Assert.Equal("Calls behind backend · gpt-4.1", links[0].GetAttribute("aria-label"));
        Assert.Equal("usage?from=2026-11-01T00%3A00%3A00Z&to=2026-12-01T00%3A00%3A00Z&model=claude-sonnet-4-5&dim=team%3Afrontend", links[1].GetAttribute("href"));
        Assert.Empty(Rows(page)[2].QuerySelectorAll("a"));
    }

    [Fact]
    public async Task Render_ProportionalAllocation_ShowsAllocatedAndAfterAllocationColumns()
    {
        await SeedAsync();

        var page = RenderPage(ByTeamAndModel + "&allocate=proportional");

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        // $4.00 unattributed shared 4:2 → backend +$2.666…, frontend +$1.333…; the cost column stays as measured.
        Assert.Equal(["$4.00", "$2.67", "$6.67"], Cells(Rows(page)[0]).Where((_, i) => i is 3 or 11 or 12));
        Assert.Equal(["$2.00", "$1.33", "$3.33"], Cells(Rows(page)[1]).Where((_, i) => i is 3 or 11 or 12));
        Assert.Equal(["$4.00", "-$4.00", "$0.00"], Cells(Rows(page)[2]).Where((_, i) => i is 3 or 11 or 12));
        Assert.Contains("Allocated", page.Find("thead").TextContent);
    }

    [Fact]
    public async Task Render_NoPeriodInAddress_ShowsLastMonthAndWritesTheWholeViewIntoTheAddressAndDownloads()
    {
        await SeedAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();

        var page = RenderPage("chargeback");

        page.WaitForAssertion(() => Assert.EndsWith("chargeback?period=2026-11&by=model", navigation.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        Assert.Equal(["gpt-4.1", "3", "$8.00"], Cells(Rows(page)[0]).Take(3));
        var downloads = page.FindAll("a[download]").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([
            ("CSV", "api/chargeback/export?period=2026-11&by=model&format=csv"),
            ("Excel", "api/chargeback/export?period=2026-11&by=model&format=xlsx"),
            ("FOCUS 1.2", "api/chargeback/export?period=2026-11&by=model&format=focus")], downloads);
    }

    [Fact]
    public async Task RemoveGrouping_ChipClosed_PutsTheRemainingGroupingInTheAddressAndRegroups()
    {
        await SeedAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderPage(ByTeamAndModel);
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));

        var team = page.FindAll(".groupings .mud-chip").Single(c => c.TextContent.Contains("team", StringComparison.Ordinal));
        await team.QuerySelector("button")!.ClickAsync(new());

        Assert.EndsWith("chargeback?period=2026-11&by=model", navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(["gpt-4.1", "claude-sonnet-4-5"], Rows(page).Select(r => Cells(r)[0])));
    }

    [Fact]
    public async Task Render_BadValuesInAddress_SaysWhatWasIgnoredAndShowsTheDefaults()
    {
        await SeedAsync();

        var page = RenderPage("chargeback?period=2026-13&by=colour&allocate=everyone");

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        Assert.Contains("Some settings in the address were ignored", page.Markup);
        Assert.Contains("'period=2026-13' is not a month (2026-11) or a quarter (2026-Q4).", page.Markup);
        Assert.Contains("'allocate=everyone' is not none, proportional or owner:VALUE.", page.Markup);
    }

    [Fact]
    public async Task Render_OnlyAnotherTenantsSpend_SaysThereIsNone()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            await db.SaveChangesAsync();
            await ChargebackPageSeed.AddAsync(db, other.Id);
        }

        var page = RenderPage(ByTeamAndModel);

        page.WaitForAssertion(() => Assert.Contains("No spend in this period", page.Markup));
        Assert.Empty(page.FindAll("tbody tr"));
    }

    [Fact]
    public async Task Render_EarlierRecordsReratedInThePeriod_SaysWhatTheFocusFileCorrects()
    {
        await SeedAsync();
        await using (var db = CreateContext())
        {
            var records = db.UsageRecords.Where(r => r.TenantId == Tenant.Id).AsEnumerable().OrderBy(r => r.Timestamp).ToList();
            var october = records.First(r => r.Timestamp < new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
            var november = records.Last();
            UsageCostAdjustment Adjustment(UsageRecord record, decimal delta, int day, int month = 11) => new()
            {
                UsageRecordId = record.Id, TenantId = Tenant.Id, RecordTimestamp = record.Timestamp, Provider = record.Provider, DeltaUsd = delta,
                AdjustedAt = new DateTimeOffset(2026, month, day, 12, 0, 0, TimeSpan.Zero), Reason = CostAdjustmentReason.Rerate, Actor = "test",
            };
            // October's call re-rated twice in November (+0.50, then -0.75); November's own call and a December re-rate are no corrections of November.
            db.UsageCostAdjustments.AddRange(Adjustment(october, 0.50m, 3), Adjustment(october, -0.75m, 20), Adjustment(november, 1m, 21), Adjustment(october, 9m, 1, 12));
            await db.SaveChangesAsync();
        }

        var page = RenderPage(ByTeamAndModel);

        page.WaitForAssertion(() => Assert.Contains("1 record(s) of earlier periods were re-rated during this period: -$0.25", page.Markup));
        Assert.Equal("$10.00", Cells(page.Find("tfoot tr"))[2]);
    }

    private async Task SeedAsync()
    {
        await using var db = CreateContext();
        await ChargebackPageSeed.AddAsync(db, Tenant.Id);
    }

    private IRenderedComponent<ChargebackPage> RenderPage(string address)
    {
        SignIn(Roles.Finance);
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<ChargebackPage>();
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<ChargebackPage> page) => [.. page.FindAll(".chargeback-table tbody tr")];

    private static string[] Cells(IElement row) => [.. row.Children.Select(c => c.TextContent.Trim())];
}
