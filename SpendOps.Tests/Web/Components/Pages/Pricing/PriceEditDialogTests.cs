using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Pricing;

namespace SpendOps.Tests.Web.Components.Pages.Pricing;

/// <summary>
/// The price dialog: DataAnnotations messages under the fields, the service's refusals in the form, who may choose the
/// catalog, and a valid price saved as a new version.
/// </summary>
public sealed class PriceEditDialogTests : PricingComponentTests
{
    [Fact]
    public async Task Submit_EmptyForm_ShowsModelAndPriceMessages()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<PriceEditDialog>("Add a price for your tenant", new DialogParameters<PriceEditDialog> { { d => d.ForTenant, true } });

        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the model as the provider reports it, e.g. gpt-4.1.", providers.Markup);
            Assert.Contains("Enter the input price (0 if free).", providers.Markup);
            Assert.Contains("Enter the output price (0 if free).", providers.Markup);
        });
    }

    [Fact]
    public async Task Submit_NegativeInputPrice_ShowsRangeMessageAndSavesNothing()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<PriceEditDialog>("Add a price for your tenant", new DialogParameters<PriceEditDialog> { { d => d.ForTenant, true } });

        await providers.InputLabelled("Model").ChangeAsync(new() { Value = "acme-chat" });
        await providers.InputLabelled("Input").ChangeAsync(new() { Value = "-1" });
        await providers.InputLabelled("Output").ChangeAsync(new() { Value = "8" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Between 0 and 1,000,000 USD per million tokens.", providers.Markup));
        await using var db = CreateContext();
        Assert.False(await db.ModelPrices.AnyAsync(p => p.ModelKey == "acme-chat"));
    }

    [Fact]
    public async Task Submit_NewVersionAtTheDateOfAnExistingOne_AsksForAnotherDate()
    {
        var existing = await SeedPriceAsync("acme-chat", 2m, 8m, Tenant.Id, new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<PriceEditDialog>("New version of acme-chat", new DialogParameters<PriceEditDialog> { { d => d.Template, existing } });

        await providers.InputLabelled("Effective from (UTC)").ChangeAsync(new() { Value = "2026-03-01T10:00" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Equal(
            "A price for 'acme-chat' effective at 2026-03-01 10:00:00Z already exists; choose another date.",
            providers.Find("[role=alert]").TextContent.Trim()));
    }

    [Fact]
    public async Task Submit_ValidTenantPrice_ClosesWithTheSavedVersion()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<PriceEditDialog>("Add a price for your tenant", new DialogParameters<PriceEditDialog> { { d => d.ForTenant, true } });

        await providers.InputLabelled("Model").ChangeAsync(new() { Value = "acme-chat" });
        await providers.InputLabelled("Input").ChangeAsync(new() { Value = "2.5" });
        await providers.InputLabelled("Output").ChangeAsync(new() { Value = "10" });
        await providers.InputLabelled("Effective from (UTC)").ChangeAsync(new() { Value = "2026-04-01T00:00" });
        await providers.Find("form").SubmitAsync();

        var result = await dialog.Result;
        var saved = Assert.IsType<ModelPrice>(result!.Data);
        Assert.Equal(Tenant.Id, saved.TenantId);
        await using var db = CreateContext();
        var stored = await db.ModelPrices.SingleAsync(p => p.ModelKey == "acme-chat");
        Assert.Equal((2.5m, 10m, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)), (stored.InputPerMTok, stored.OutputPerMTok, stored.EffectiveFrom));
    }

    [Fact]
    public async Task Render_GlobalAdmin_ChoosesBetweenCatalogAndTenant()
    {
        SignIn(Roles.Admin, Roles.GlobalAdmin);
        var providers = RenderProviders();

        await ShowAsync<PriceEditDialog>("Add a price", new DialogParameters<PriceEditDialog> { { d => d.CanSetCatalog, true } });

        Assert.Contains("Catalog: every tenant", providers.Markup);
        Assert.Contains("Your tenant only", providers.Markup);
    }

    [Fact]
    public async Task Render_Admin_OnlyTheTenantsOwnPrice()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();

        await ShowAsync<PriceEditDialog>("Add a price for openai acme", new DialogParameters<PriceEditDialog>
        {
            { d => d.Provider, "openai" }, { d => d.Model, "acme" },
        });

        Assert.Contains("Your tenant's own price", providers.Markup);
        Assert.DoesNotContain("Catalog: every tenant", providers.Markup);
        Assert.Equal("acme", providers.InputLabelled("Model").GetAttribute("value"));
    }

    [Fact]
    public async Task Submit_CatalogVersionByTenantAdmin_RefusedBeforeSaving()
    {
        var catalog = await SeedPriceAsync("acme-catalog", 2m, 8m);
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<PriceEditDialog>("New version of acme-catalog", new DialogParameters<PriceEditDialog> { { d => d.Template, catalog } });

        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Equal(
            "Only global administrators can change catalog prices, since they apply to every tenant.", providers.Find("[role=alert]").TextContent.Trim()));
        await using var db = CreateContext();
        Assert.Equal(1, await db.ModelPrices.CountAsync(p => p.ModelKey == "acme-catalog"));
    }

    [Fact]
    public async Task Cancel_Clicked_ClosesWithoutAPrice()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<PriceEditDialog>("Add a price for your tenant", new DialogParameters<PriceEditDialog> { { d => d.ForTenant, true } });

        await providers.ButtonNamed("Cancel").ClickAsync(new());

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
    }
}
