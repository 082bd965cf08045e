using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Web.Components.Pages.Dashboard;

namespace SpendOps.Tests.Web.Portal;

/// <summary>
/// The dashboard in a browser on the records of <see cref="DashboardScenario"/>: a custom period typed into the date
/// inputs updates the cards and the chart (its tooltips in dollars), on a phone without running off the screen and on a laptop.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class DashboardPeriodTests(PortalFixture fixture)
{
    [RequiresChromiumTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 768)]
    public async Task CustomPeriod_FirstDayTyped_CardsCoverTheRange(int width, int height)
    {
        var tenant = await fixture.EnsureTenantAsync(PortalNames.Unique("dash"));
        await fixture.WithDbAsync(async db =>
        {
            await DashboardScenario.SeedAsync(db, tenant.Id);
            return 0;
        });
        var finance = await fixture.CreateUserAsync(PortalNames.Email("dash-finance"), Roles.Finance, tenant.Name);
        using var stopped = fixture.App.Clock.StopAt(DashboardScenario.Now);
        await using var session = await fixture.SignInAsync(finance);
        var dashboard = await session.OpenAsync("/");
        await dashboard.Page.SetViewportSizeAsync(width, height);
        var total = dashboard.Page.Locator(".period-summary .spend-value");
        await Assertions.Expect(total).ToHaveTextAsync("$1.75");

        await dashboard.Page.GetByRole(AriaRole.Group, new() { Name = "Period" }).GetByText("Custom", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(dashboard.Page.GetByLabel("Last day")).ToHaveValueAsync("2026-03-10");
        await dashboard.Page.GetByLabel("First day").FillAsync("2026-02-15");

        // February's $5.00 and March's $1.75.
        await Assertions.Expect(total).ToHaveTextAsync("$6.75");
        await Assertions.Expect(dashboard.Page.Locator(".period-note")).ToHaveTextAsync("15 Feb 2026 – 10 Mar 2026 · times in UTC");
        await Assertions.Expect(dashboard.Page.GetByRole(AriaRole.Img, new() { Name = "Spend per day: openai $5.25; anthropic $1.50" })).ToBeVisibleAsync();
        await HoverFirstBarAsync(dashboard.Page, expectedTooltip: "openai: $5.00");
        await dashboard.ScreenshotAsync($"custom-period-{width}");
        var overflow = await dashboard.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the {width} px screen.");
        dashboard.AssertNoBrowserErrors();
    }

    /// <summary>
    /// Hovers the chart's first bar until its tooltip shows. A bar is a thick stroke along a line of no width, which
    /// Playwright never counts as visible, so it is hovered regardless; and a hover that lands while the circuit is still
    /// re-rendering the chart for the new period is lost with the old bar, so it is tried again from off the chart.
    /// </summary>
    private static async Task HoverFirstBarAsync(IPage page, string expectedTooltip)
    {
        var tooltip = page.Locator(".spend-chart-canvas .mud-charts-tooltip");
        for (var attempt = 1; ; attempt++)
        {
            await page.Mouse.MoveAsync(0, 0);
            await page.Locator(".spend-chart-canvas path.mud-chart-bar").First.HoverAsync(new() { Force = true });
            try
            {
                await Assertions.Expect(tooltip).ToHaveTextAsync(expectedTooltip, new() { Timeout = attempt < 3 ? 3000 : 5000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
