using Microsoft.Playwright;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Budgets;

/// <summary>Budgets and alerts in the browser, as an admin sets them up.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class BudgetPagesTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task CreateBudget_TeamBackend500AMonthAlertAt80BlockAt100_ShowsItInTheListAndOnItsPage()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/budgets");
        var name = PortalNames.Unique("team backend");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create budget", Exact = true }).First.ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Budget name").FillAsync(name);
        await dialog.GetByLabel("Amount (USD)").FillAsync("500");
        await dialog.GetByLabel("Scope").FillAsync("dim:team=backend");
        await dialog.GetByLabel("Alert thresholds (%)").FillAsync("80, 100");
        await dialog.GetByLabel("Block calls at 100 %").CheckAsync();
        await page.ScreenshotAsync("budget-form");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create budget" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var link = page.Page.GetByRole(AriaRole.Link, new() { Name = $"Open budget {name}" });
        await link.WaitForAsync();
        var row = page.Page.GetByRole(AriaRole.Row).Filter(new() { Has = link });
        Assert.Contains("$500.00 a month", await row.InnerTextAsync());
        Assert.Contains("blocks at 100 %", await row.InnerTextAsync());
        Assert.Contains("dim:team=backend", await row.InnerTextAsync());
        await page.ScreenshotAsync("budget-list");

        await link.ClickAsync();
        await page.Page.GetByRole(AriaRole.Heading, new() { Name = name }).WaitForAsync();
        var details = await page.Page.Locator(".page-body").InnerTextAsync();
        Assert.Contains("80 %, 100 %", details);
        Assert.Contains("Blocks calls it cannot cover (429 with the budget's name)", details);
        Assert.Contains("Past periods", details);
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task AlertsPage_WithoutAlerts_SaysWhenTheyAppear()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/alerts");

        await page.Page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Exact = true }).WaitForAsync();
        await page.Page.GetByText("Alerts appear here when a budget's spend reaches one of its thresholds").Or(page.Page.GetByRole(AriaRole.Row).Nth(1)).First.WaitForAsync();
        page.AssertNoBrowserErrors();
    }
}
