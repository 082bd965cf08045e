using Bunit;
using Microsoft.Extensions.Options;
using MudBlazor;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Forwarding;
using ConnectPage = SpendOps.Web.Components.Pages.Connect.Connect;

namespace SpendOps.Tests.Web.Components.Pages.Connect;

/// <summary>The Connect page: the snippet shown follows the chosen provider and language tab, with this deployment's URL and the key's dims.</summary>
public sealed class ConnectTests : PortalComponentTests
{
    public ConnectTests()
    {
        Services.AddSingleton(Options.Create(new ProxyOptions()));
        Services.AddSingleton<UpstreamCatalog>();
        Services.AddSingleton<ProxyDryRun>();
    }

    [Fact]
    public void Render_NoKeys_OpenAiCurlWithPlaceholderKey()
    {
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<ConnectPage>();

        page.WaitForAssertion(() => Assert.Contains("No API keys yet", page.Markup));
        Assert.Contains("Ask an administrator of your tenant for one.", page.Markup);
        var curl = page.Find("section[aria-label='curl: curl'] pre").TextContent;
        Assert.StartsWith("curl \"http://localhost/v1/openai/v1/chat/completions\"", curl, StringComparison.Ordinal);
        Assert.Contains("X-ASO-API-Key: aso_k_YOUR_KEY_ID.YOUR_SECRET", curl);
        Assert.Contains("Claude Code snippets appear when the provider is Anthropic.", page.Markup);
    }

    [Fact]
    public async Task SelectProvider_Anthropic_ShowsClaudeCodeFirst()
    {
        SignIn(Roles.Viewer);
        RenderProviders();
        var page = Render<ConnectPage>();

        await ChooseProviderAsync(page, "anthropic");

        page.WaitForAssertion(() => Assert.Equal(["Claude Code", "curl", "Python", "TypeScript", ".NET"], Tabs(page)));
        Assert.Contains("export ANTHROPIC_BASE_URL=\"http://localhost/v1/anthropic\"", page.Find("section[aria-label='Claude Code: bash / zsh'] pre").TextContent);
        Assert.Empty(page.FindAll("section[aria-label='curl: curl']"));
        Assert.DoesNotContain("Claude Code snippets appear when the provider is Anthropic.", page.Markup);
    }

    [Fact]
    public async Task SelectTab_PythonThenProviderGemini_ShowsTheSnippetOfBoth()
    {
        SignIn(Roles.Viewer);
        RenderProviders();
        var page = Render<ConnectPage>();

        await ClickTabAsync(page, "Python");
        page.WaitForAssertion(() => Assert.Contains("from openai import OpenAI", page.Find("section[aria-label='Python: Python'] pre").TextContent));

        await ChooseProviderAsync(page, "google");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("section[aria-label='curl: curl']")));
        Assert.Contains("/v1/google/v1beta/models/gemini-2.5-flash:generateContent", page.Find("section[aria-label='curl: curl'] pre").TextContent);
        await ClickTabAsync(page, "Python");
        page.WaitForAssertion(() => Assert.Contains("from google import genai", page.Find("section[aria-label='Python: Python'] pre").TextContent));
    }

    [Fact]
    public async Task Render_KeyWithRequiredDims_SnippetsCarryTheKeyIdAndExampleDims()
    {
        await using (var db = CreateContext())
        {
            db.ApiKeys.Add(new ApiKey
            {
                Id = "kid000000001",
                TenantId = Tenant.Id,
                Name = "backend",
                SecretHash = "not-a-real-hash",
                SecretHint = "abcd",
                Policy = new KeyPolicy { RequiredDims = ["user"] },
            });
            await db.SaveChangesAsync();
        }
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<ConnectPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("section[aria-label='curl: curl'] pre")));
        var curl = page.Find("section[aria-label='curl: curl'] pre").TextContent;
        Assert.Contains("X-ASO-API-Key: aso_k_kid000000001.YOUR_SECRET", curl);
        Assert.Contains("X-ASO-Dims: user=alice", curl);
    }

    private static List<string> Tabs(IRenderedComponent<ConnectPage> page) =>
        page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();

    private static async Task ClickTabAsync(IRenderedComponent<ConnectPage> page, string name) =>
        await page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == name).ClickAsync(new());

    // The provider list is a MudSelect whose options live in a popover; choosing one reports the value like this.
    private static Task ChooseProviderAsync(IRenderedComponent<ConnectPage> page, string provider)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Provider");
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(provider));
    }
}
