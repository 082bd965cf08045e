using Microsoft.Playwright;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>Every page of the admin area renders at laptop size without a browser error; screenshots are kept.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class PortalPagesTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task EveryAdminPage_AtLaptopSize_RendersWithoutBrowserErrors()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["anthropic"], AllowedModels = ["claude-*"], RequiredDims = ["user"] }, name: PortalNames.Unique("screens"));
        var userId = await fixture.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == SpendOpsAppFactory.AdminEmail).Id));
        var pages = new (string Path, string Heading, bool Interactive)[]
        {
            ("/keys", "API keys", true),
            ($"/keys/{key.Key.Id}", key.Key.Name, true),
            ($"/connect?key={key.Key.Id}", "Connect", true),
            ("/users", "Users", true),
            ($"/users/{userId}", SpendOpsAppFactory.AdminEmail, true),
            ("/tenants", "Tenants", true),
            ("/audit", "Audit log", true),
            ("/notifications", "Notifications", true),
            ("/Account/Manage", "Profile", false),
            ("/Account/Manage/ChangePassword", "Change password", false),
        };
        await using var session = await fixture.SignInAsync();

        var errors = new List<string>();
        foreach (var (path, heading, interactive) in pages)
        {
            var page = await session.OpenAsync(path, interactive);
            await page.Page.GetByRole(AriaRole.Heading, new() { Name = heading }).First.WaitForAsync();
            await page.ScreenshotAsync(path.Trim('/').Split('?')[0].Replace('/', '-'));
            errors.AddRange(page.Errors.Select(e => $"{path}: {e}"));
            if (interactive)
                Assert.True(page.BlazorWebSocketOpened, $"{path}: the Blazor circuit did not connect over a WebSocket");
        }
        await using var anonymous = await fixture.AnonymousAsync();
        var login = await anonymous.OpenAsync("/Account/Login", interactive: false);
        await login.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to SpendOps" }).WaitForAsync();
        errors.AddRange(login.Errors);

        Assert.Empty(errors);
    }

    [RequiresChromiumFact]
    public async Task Dialogs_OpenedFromPages_RenderWithoutBrowserErrors()
    {
        await using var session = await fixture.SignInAsync();
        var keys = await session.OpenAsync("/keys");
        await keys.Page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).First.ClickAsync();
        await keys.Page.GetByRole(AriaRole.Dialog).GetByLabel("Key name").WaitForAsync();
        await keys.ScreenshotAsync("create-key-dialog");
        var users = await session.OpenAsync("/users");
        await users.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await users.Page.GetByRole(AriaRole.Dialog).GetByLabel("E-mail").WaitForAsync();
        await users.ScreenshotAsync("add-user-dialog");

        keys.AssertNoBrowserErrors();
        users.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task CreateKey_KeyboardOnly_TabEnterTypeEnterEscape()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/keys");
        var name = PortalNames.Unique("keyboard");

        await TabToAsync(page.Page, "Create key");
        await page.Page.Keyboard.PressAsync("Enter");
        await page.Page.GetByRole(AriaRole.Dialog).GetByLabel("Key name").WaitForAsync();
        await page.Page.WaitForFunctionAsync("() => document.activeElement?.id === 'key-name'");
        await page.Page.Keyboard.TypeAsync(name);
        await page.Page.Keyboard.PressAsync("Enter");
        await page.Page.GetByText("Key created: copy it now").WaitForAsync();
        await page.WaitForFocusInDialogAsync();
        await page.Page.Keyboard.PressAsync("Escape");

        await page.Page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.True(await page.Page.GetByRole(AriaRole.Link, new() { Name = $"Edit key {name}" }).IsVisibleAsync());
        page.AssertNoBrowserErrors();
    }

    /// <summary>Presses Tab until the focused element's text is <paramref name="text"/>: the control is reachable by keyboard.</summary>
    private static async Task TabToAsync(IPage page, string text)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => document.activeElement?.innerText ?? ''");
            if (focused.Contains(text, StringComparison.OrdinalIgnoreCase))
                return;
        }
        Assert.Fail($"'{text}' could not be reached with Tab.");
    }
}
