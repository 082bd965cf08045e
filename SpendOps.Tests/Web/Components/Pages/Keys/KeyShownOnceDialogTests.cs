using Bunit;
using MudBlazor;
using SpendOps.Web.Components.Pages.Keys;

namespace SpendOps.Tests.Web.Components.Pages.Keys;

/// <summary>A new full key is shown once, with the warning and a quick start; once closed, nothing shows it again.</summary>
public sealed class KeyShownOnceDialogTests : PortalComponentTests
{
    private const string FullKey = "aso_k_abc123def456.s3cr3t-value_with_underscores";

    [Fact]
    public async Task Show_CreatedKey_ShowsKeyWarningAndQuickStart()
    {
        var providers = RenderProviders();

        await ShowAsync<KeyShownOnceDialog>("Key created: copy it now", Parameters(rotated: false));

        Assert.Equal(FullKey, providers.Find("input.shown-once-value").GetAttribute("value"));
        Assert.Contains("you will not see it again", providers.Markup);
        Assert.Contains(FullKey, providers.Find("pre[aria-label='Quick start snippet']").TextContent);
        Assert.DoesNotContain("The old key stops working", providers.Markup);
    }

    [Fact]
    public async Task Show_RotatedKey_SaysTheOldKeyStops()
    {
        var providers = RenderProviders();

        await ShowAsync<KeyShownOnceDialog>("Key rotated: copy the new key", Parameters(rotated: true));

        Assert.Contains("The old key stops working within seconds.", providers.Markup);
    }

    [Fact]
    public async Task Done_Clicked_KeyIsGoneForGood()
    {
        var providers = RenderProviders();
        var dialog = await ShowAsync<KeyShownOnceDialog>("Key created: copy it now", Parameters(rotated: false));

        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Done, I have copied it").ClickAsync(new());

        await dialog.Result;
        providers.WaitForAssertion(() => Assert.DoesNotContain(FullKey, providers.Markup));
        Assert.DoesNotContain("you will not see it again", providers.Markup);
    }

    private static DialogParameters<KeyShownOnceDialog> Parameters(bool rotated) => new()
    {
        { d => d.FullKey, FullKey },
        { d => d.KeyId, "abc123def456" },
        { d => d.Providers, ["openai"] },
        { d => d.RequiredDims, ["team"] },
        { d => d.Rotated, rotated },
    };
}
