using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using PricingPage = SpendOps.Web.Components.Pages.Pricing.Pricing;

namespace SpendOps.Tests.Web.Components.Pages.Pricing;

/// <summary>
/// The pricing page by role: Finance reads, an administrator changes the tenant's own prices and discounts, a global
/// administrator also the catalog; the empty states; and a price added through the dialog shows in the grid.
/// </summary>
public sealed class PricingTests : PricingComponentTests
{
    [Fact]
    public async Task Render_Finance_CatalogRowsWithoutEditControlsOrAdminTabs()
    {
        await SeedPriceAsync("acme-chat", 2m, 8m);
        SignIn(Roles.Finance);
        RenderProviders();

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Contains("acme-chat", page.Markup));
        Assert.DoesNotContain("Add price", page.ButtonTexts());
        Assert.Empty(page.FindAll("button[aria-label='New version of acme-chat']"));
        Assert.Equal(["Catalog", "Your tenant", "Unpriced models"], TabTexts(page));
    }

    [Fact]
    public async Task Render_Admin_NoNewVersionOfCatalogRowsButTheToolsTabs()
    {
        await SeedPriceAsync("acme-chat", 2m, 8m);
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Contains("acme-chat", page.Markup));
        Assert.DoesNotContain("Add price", page.ButtonTexts());
        Assert.Empty(page.FindAll("button[aria-label='New version of acme-chat']"));
        Assert.Contains("a global administrator changes them", page.Markup);
        Assert.Equal(["Catalog", "Your tenant", "Unpriced models", "Import and re-rate", "Catalog checks"], TabTexts(page));
    }

    [Fact]
    public async Task Render_GlobalAdmin_AddsCatalogPricesAndNewVersions()
    {
        await SeedPriceAsync("acme-chat", 2m, 8m);
        SignIn(Roles.GlobalAdmin);
        RenderProviders();

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='New version of acme-chat']")));
        Assert.Contains("Add price", page.ButtonTexts());
    }

    [Fact]
    public void TenantTab_AdminWithNothingOfItsOwn_AddButtonsAndEmptyStates()
    {
        SignIn(Roles.Admin);
        RenderProviders();
        OpenTab("tenant");

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Contains("No prices of your own", page.Markup));
        Assert.Contains("No discounts", page.Markup);
        Assert.Contains("Add a discount for a percentage off catalog prices", page.Markup);
        Assert.Contains("Add tenant price", page.ButtonTexts());
        Assert.Contains("Add discount", page.ButtonTexts());
    }

    [Fact]
    public void TenantTab_Finance_NoAddButtons()
    {
        SignIn(Roles.Finance);
        RenderProviders();
        OpenTab("tenant");

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Contains("No prices of your own", page.Markup));
        Assert.Contains("Administrators can add discounts.", page.Markup);
        Assert.DoesNotContain("Add tenant price", page.ButtonTexts());
        Assert.DoesNotContain("Add discount", page.ButtonTexts());
    }

    [Fact]
    public void UnpricedTab_NoUnpricedCalls_SaysEveryCallHasAPrice()
    {
        SignIn(Roles.Finance);
        RenderProviders();
        OpenTab("unpriced");

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.Contains("Every call has a price", page.Markup));
    }

    [Fact]
    public async Task UnpricedTab_AdminWithAnUnpricedModel_CountsItAndOffersAPrice()
    {
        await using (var db = CreateContext())
        {
            db.UsageRecords.Add(new UsageRecord
            {
                RequestId = $"{Tenant.Id:N}-unpriced", TenantId = Tenant.Id, Timestamp = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero),
                Provider = "openai", Endpoint = "chat", ModelRequested = "acme-new", StatusCode = 200, UsageComplete = true,
                PricingStatus = PricingStatus.Unpriced, Tokens = new TokenCounts { InputTokens = 100 },
            });
            await db.SaveChangesAsync();
        }
        SignIn(Roles.Admin);
        RenderProviders();
        OpenTab("unpriced");

        var page = Render<PricingPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("button[aria-label='Add a price for openai acme-new']")));
        Assert.Contains("Unpriced models (1)", TabTexts(page));
    }

    [Fact]
    public async Task AddTenantPrice_Saved_ShowsInTheGridWithASnackbar()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        OpenTab("tenant");
        var page = Render<PricingPage>();
        page.WaitForAssertion(() => Assert.Contains("No prices of your own", page.Markup));

        // The click's handler waits for the dialog to close, so it completes once the price is saved.
        var adding = page.ButtonNamed("Add tenant price").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Save new version", providers.ButtonTexts()));
        await providers.InputLabelled("Model").ChangeAsync(new() { Value = "acme-negotiated" });
        await providers.InputLabelled("Input").ChangeAsync(new() { Value = "1" });
        await providers.InputLabelled("Output").ChangeAsync(new() { Value = "4" });
        await providers.Find("form").SubmitAsync();
        await adding;

        page.WaitForAssertion(() => Assert.Contains("acme-negotiated", page.Find("[aria-label=\"Your tenant's prices\"]").TextContent));
        Assert.StartsWith("Price saved for acme-negotiated.", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
    }

    [Fact]
    public async Task ChoosingATab_ShowsItAndPutsItInTheAddress()
    {
        SignIn(Roles.Admin);
        RenderProviders();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("pricing");
        var page = Render<PricingPage>();
        page.WaitForAssertion(() => Assert.Contains("Your tenant", TabTexts(page)));

        await ClickTabAsync(page, "Your tenant");

        page.WaitForAssertion(() => Assert.Contains("No prices of your own", page.Markup));
        Assert.EndsWith("/pricing?tab=tenant", navigation.Uri, StringComparison.Ordinal);

        await ClickTabAsync(page, "Catalog");

        Assert.EndsWith("/pricing", navigation.Uri, StringComparison.Ordinal);
    }

    private static Task ClickTabAsync(IRenderedComponent<PricingPage> page, string name) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == name).ClickAsync(new());

    private void OpenTab(string tab)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("tab", tab));
    }

    private static List<string> TabTexts(IRenderedComponent<PricingPage> page) =>
        page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();
}
