using Microsoft.Playwright;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Pricing;

/// <summary>The pricing dialogs in a real browser: messages under the fields, a saved price in the grid, Escape, and a phone-sized screen.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class PricingDialogsTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task AddTenantPrice_EmptyThenFilled_ShowsMessagesThenTheRow()
    {
        var model = PortalNames.Unique("acme-negotiated");
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/pricing?tab=tenant");
        var dialog = page.Page.GetByRole(AriaRole.Dialog);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add tenant price" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await dialog.GetByText("Enter the model as the provider reports it, e.g. gpt-4.1.").WaitForAsync();
        await page.ScreenshotAsync("price-dialog-messages");
        await dialog.GetByLabel("Model", new() { Exact = true }).FillAsync(model);
        await dialog.GetByLabel("Input", new() { Exact = true }).FillAsync("1.5");
        await dialog.GetByLabel("Output", new() { Exact = true }).FillAsync("6");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await page.Page.GetByText($"Price saved for {model}.", new() { Exact = false }).WaitForAsync();
        await page.Page.GetByLabel("Your tenant's prices").GetByText(model).WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task AddDiscount_OnAPhone_FitsAndClosesWithEscape()
    {
        await using var session = await fixture.SignInAsync();
        // Loaded at phone size, as on a phone: resizing a loaded page re-renders it, and a click during that re-render
        // can be lost (the dialog never opened on a busy machine).
        var page = await session.OpenAsync("/");
        await page.Page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/pricing?tab=tenant");
        var dialog = page.Page.GetByRole(AriaRole.Dialog);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add discount" }).ClickAsync();
        // MudBlazor moves the focus into the dialog a round trip after it appears; typing before that can be lost.
        await page.WaitForFocusInDialogAsync();
        await dialog.GetByLabel("Percent off").FillAsync("150");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save discount" }).ClickAsync();
        await dialog.GetByText("A discount is between 0 and 100 percent.").WaitForAsync();
        await page.ScreenshotAsync("discount-dialog-phone");
        var box = await dialog.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"The dialog spans {box.X} to {box.X + box.Width} on a 390 px screen.");

        await page.WaitForFocusInDialogAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task ToolsTab_GlobalAdmin_ImportAndRerateCards()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/pricing?tab=tools");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Choose catalog file (.json)" }).WaitForAsync();
        await page.Page.GetByLabel("Changed prices effective from (UTC)").WaitForAsync();
        await page.Page.GetByLabel("Provider to re-rate").WaitForAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Preview re-rate…" }).WaitForAsync();
        await page.ScreenshotAsync("tools");
        await page.Page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("tools-phone");
        page.AssertNoBrowserErrors();
    }
}
