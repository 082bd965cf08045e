using Microsoft.Playwright;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>The portal's frame: the dark theme is remembered, and on a phone the menu folds away behind the menu button.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class LayoutTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task ThemeToggle_DarkChosen_RememberedOnTheNextPage()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/audit");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Light theme" }).WaitForAsync();
        await page.ScreenshotAsync("dark");
        var next = await session.OpenAsync("/users");
        await next.Page.GetByRole(AriaRole.Button, new() { Name = "Light theme" }).WaitForAsync();
        await next.ScreenshotAsync("dark-after-navigation");

        await next.Page.GetByRole(AriaRole.Button, new() { Name = "Light theme" }).ClickAsync();
        await next.Page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" }).WaitForAsync();
        page.AssertNoBrowserErrors();
        next.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task Menu_PhoneWidth_ClosedUntilTheMenuButtonOpensIt()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/");
        await page.Page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/audit");
        var auditLink = page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("Audit log");

        await auditLink.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await page.ScreenshotAsync("phone-menu-closed");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await auditLink.WaitForAsync();
        await page.ScreenshotAsync("phone-menu-open");
        await auditLink.ClickAsync();
        await page.Page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" }).WaitForAsync();
        page.AssertNoBrowserErrors();
    }
}
