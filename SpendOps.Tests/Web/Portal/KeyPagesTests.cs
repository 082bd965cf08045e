using System.Net;
using Microsoft.Playwright;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>API keys in the browser, checked against the real proxy: what the admin does in the UI is what the proxy enforces.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class KeyPagesTests(PortalFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [RequiresChromiumFact]
    public async Task CreateKey_InDialog_ShowsFullKeyOnceThatTheProxyAccepts()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/keys");
        var name = PortalNames.Unique("backend");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).First.ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "OpenAI" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await page.Page.GetByText("you will not see it again").WaitForAsync();
        await page.ScreenshotAsync("key-shown-once");
        var fullKey = await page.Page.GetByLabel("API key", new() { Exact = true }).InputValueAsync();
        var response = await ProxyProbe.ChatAsync(fixture.App, fullKey);

        Assert.StartsWith("aso_k_", fullKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/chat/completions", fixture.Upstream.LastRequest.Path);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Done, I have copied it" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Page.GetByRole(AriaRole.Link, new() { Name = $"Edit key {name}" }).WaitForAsync();
        Assert.DoesNotContain(fullKey, await page.Page.ContentAsync());
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task CopyButton_InShownOnceDialog_PutsFullKeyOnClipboard()
    {
        await using var session = await fixture.SignInAsync();
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await session.OpenAsync("/keys");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).First.ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key name").FillAsync(PortalNames.Unique("clipboard"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var shown = page.Page.GetByLabel("API key", new() { Exact = true });
        await shown.WaitForAsync();

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Copy API key" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Copy API key" }).GetByText("Copied").WaitForAsync();

        Assert.Equal(await shown.InputValueAsync(), await page.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task CreateDialog_InvalidPolicy_ShowsValidatorMessagesInlineAndDoesNotSave()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/keys");
        var name = PortalNames.Unique("invalid");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).First.ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);

        await dialog.GetByLabel("Key name").FillAsync(name);
        await dialog.GetByLabel("Model patterns").FillAsync("gpt 4");
        await dialog.GetByLabel("Required dimensions").FillAsync("user");
        await dialog.GetByLabel("Allowed dimensions").FillAsync("team");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        await dialog.GetByText("Invalid model pattern 'gpt 4'").WaitForAsync();
        await dialog.GetByText("Required dimension 'user' is not in the allowed dimension names.").WaitForAsync();
        await page.ScreenshotAsync("inline-validation");
        Assert.Equal(0, await fixture.WithDbAsync(db => Task.FromResult(db.ApiKeys.Count(k => k.Name == name))));
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task CreateDialog_Escape_ClosesDialog()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/keys");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).First.ClickAsync();
        await page.Page.GetByRole(AriaRole.Dialog).GetByLabel("Key name").WaitForAsync();
        await page.WaitForFocusInDialogAsync();

        await page.Page.Keyboard.PressAsync("Escape");

        await page.Page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task EditPolicy_RequireDimension_ProxyEnforcesItWithinSeconds()
    {
        var key = await fixture.CreateKeyAsync(name: PortalNames.Unique("policy"));
        Assert.Equal(HttpStatusCode.OK, (await ProxyProbe.ChatAsync(fixture.App, key.FullKey)).StatusCode);
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync($"/keys/{key.Key.Id}");

        await page.Page.GetByLabel("Required dimensions").FillAsync("team");
        await page.Page.GetByLabel("Model patterns").FillAsync("gpt-4.1*");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await page.Page.GetByText("Policy saved").WaitForAsync();

        var withoutDims = await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(fixture.App, key.FullKey), HttpStatusCode.BadRequest);
        Assert.Contains("AI SpendOps: require_dims violation", await withoutDims.Content.ReadAsStringAsync());
        var otherModel = await ProxyProbe.ChatAsync(fixture.App, key.FullKey, dims: "team=backend", model: "o3");
        Assert.Equal(HttpStatusCode.Forbidden, otherModel.StatusCode);
        Assert.Contains("AI SpendOps: Model not allowed by API key policy", await otherModel.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ProxyProbe.ChatAsync(fixture.App, key.FullKey, dims: "team=backend")).StatusCode);
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task DisableKey_FromList_ProxyAnswers403AndEnableRestoresIt()
    {
        var name = PortalNames.Unique("disable");
        var key = await fixture.CreateKeyAsync(name: name);
        Assert.Equal(HttpStatusCode.OK, (await ProxyProbe.ChatAsync(fixture.App, key.FullKey)).StatusCode);
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/keys");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = $"Disable key {name}" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Disable key", Exact = true }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = $"Enable key {name}" }).WaitForAsync();

        var rejected = await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(fixture.App, key.FullKey), HttpStatusCode.Forbidden);
        Assert.Contains("AI SpendOps: Invalid X-ASO-API-Key (unknown)", await rejected.Content.ReadAsStringAsync());

        await page.Page.GetByRole(AriaRole.Button, new() { Name = $"Enable key {name}" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = $"Disable key {name}" }).WaitForAsync();
        await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(fixture.App, key.FullKey), HttpStatusCode.OK);
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task RotateKey_OnEditPage_NewKeyShownOnceWorksAndOldStops()
    {
        var name = PortalNames.Unique("rotate");
        var key = await fixture.CreateKeyAsync(name: name);
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync($"/keys/{key.Key.Id}");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = $"Rotate key {name}" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Rotate key", Exact = true }).ClickAsync();
        await page.Page.GetByText("Key rotated: copy the new key").WaitForAsync();
        var rotated = await page.Page.GetByLabel("API key", new() { Exact = true }).InputValueAsync();

        Assert.NotEqual(key.FullKey, rotated);
        await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(fixture.App, key.FullKey), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await ProxyProbe.ChatAsync(fixture.App, rotated)).StatusCode);
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task KeyList_NoKeysInTenant_EmptyStateSaysWhatToDo()
    {
        var admin = await fixture.CreateUserAsync(PortalNames.Email("empty"), "Admin", tenant: PortalNames.Unique("tenant-empty"));
        await using var session = await fixture.SignInAsync(admin);

        var page = await session.OpenAsync("/keys");

        await page.Page.GetByText("No API keys yet").WaitForAsync();
        Assert.True(await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create your first key" }).IsVisibleAsync());
        page.AssertNoBrowserErrors();
    }
}
