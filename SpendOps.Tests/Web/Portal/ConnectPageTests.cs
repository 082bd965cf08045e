using Microsoft.Playwright;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>The Connect page: snippets with this deployment's URL and the key test that answers like the proxy.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ConnectPageTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task ClaudeCodeSnippet_AnthropicKey_UsesThisDeploymentAndAnsiCQuoting()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["anthropic"], RequiredDims = ["user"] }, name: PortalNames.Unique("claude"));
        await using var session = await fixture.SignInAsync();

        var page = await session.OpenAsync($"/connect?key={key.Key.Id}");
        var bash = page.Page.GetByRole(AriaRole.Region, new() { Name = "Claude Code: bash / zsh" }).Locator("pre");
        await bash.WaitForAsync();
        var snippet = await bash.InnerTextAsync();

        var baseUrl = fixture.App.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains($"export ANTHROPIC_BASE_URL=\"{baseUrl}/v1/anthropic\"", snippet);
        Assert.Contains($"export ANTHROPIC_CUSTOM_HEADERS=$'X-ASO-API-Key: aso_k_{key.Key.Id}.YOUR_SECRET\\nX-ASO-Dims: user=alice'", snippet);
        Assert.DoesNotContain(key.FullKey, await page.Page.ContentAsync());
        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Python" }).ClickAsync();
        var python = page.Page.GetByRole(AriaRole.Region, new() { Name = "Python: Python" }).Locator("pre");
        await python.WaitForAsync();
        Assert.Contains($"base_url=\"{baseUrl}/v1/anthropic\"", await python.InnerTextAsync());
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task CopyButton_Snippet_PutsSnippetOnClipboard()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["openai"] }, name: PortalNames.Unique("copy"));
        await using var session = await fixture.SignInAsync();
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await session.OpenAsync($"/connect?key={key.Key.Id}");
        var curl = page.Page.GetByRole(AriaRole.Region, new() { Name = "curl: curl" });
        await curl.WaitForAsync();

        await curl.GetByRole(AriaRole.Button, new() { Name = "Copy curl curl snippet" }).ClickAsync();
        await curl.GetByText("Copied").WaitForAsync();

        var copied = await page.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await curl.Locator("pre").InnerTextAsync(), copied);
        Assert.Contains($"{fixture.App.BaseAddress.ToString().TrimEnd('/')}/v1/openai/v1/chat/completions", copied);
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task TestThisKey_ProviderNotAllowed_ShowsProxyStatusAndMessage()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["openai"] }, name: PortalNames.Unique("openai-only"));
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync($"/connect?key={key.Key.Id}");

        await page.Page.GetByRole(AriaRole.Combobox, new() { Name = "Provider" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Option, new() { Name = "Google Gemini (google, not allowed by this key)" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Test this key" }).ClickAsync();

        var result = page.Page.GetByRole(AriaRole.Status);
        await result.GetByText("AI SpendOps: Provider not allowed by API key policy", new() { Exact = true }).WaitForAsync();
        Assert.Contains("403", await result.InnerTextAsync());
        Assert.Contains("\"status\":\"PERMISSION_DENIED\"", await result.GetByLabel("Error body").InnerTextAsync());
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.Path.Contains("gemini", StringComparison.Ordinal));
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task TestThisKey_FullKeyAllowedCall_WouldBeForwardedToUpstream()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { RequiredDims = ["team"] }, name: PortalNames.Unique("forward"));
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync($"/connect?key={key.Key.Id}");
        var requestsBefore = fixture.Upstream.Requests.Count;

        await page.Page.GetByLabel("Full key (optional)").FillAsync(key.FullKey);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Test this key" }).ClickAsync();

        var result = page.Page.GetByRole(AriaRole.Status);
        await result.GetByText("Would be forwarded to").WaitForAsync();
        Assert.Contains($"{fixture.Upstream.BaseUrl}/v1/chat/completions", await result.InnerTextAsync());
        Assert.Contains("team=backend", await result.InnerTextAsync());
        Assert.Equal(requestsBefore, fixture.Upstream.Requests.Count);

        await page.Page.GetByLabel("X-ASO-Dims").FillAsync("env=prod");
        await page.Page.GetByLabel("X-ASO-Dims").PressAsync("Tab");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Test this key" }).ClickAsync();
        await result.GetByText("AI SpendOps: require_dims violation", new() { Exact = true }).WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task Connect_ViewerUser_OpensPageWithSnippets()
    {
        var viewer = await fixture.CreateUserAsync(PortalNames.Email("viewer"), Roles.Viewer);
        await using var session = await fixture.SignInAsync(viewer);

        var page = await session.OpenAsync("/connect");

        await page.Page.GetByRole(AriaRole.Heading, new() { Name = "Connect", Level = 1 }).WaitForAsync();
        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "curl" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Region, new() { Name = "curl: curl" }).WaitForAsync();
        Assert.Equal(0, await page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("API keys").CountAsync());
        page.AssertNoBrowserErrors();
    }
}
