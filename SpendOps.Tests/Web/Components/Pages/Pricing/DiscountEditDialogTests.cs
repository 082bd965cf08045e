using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Pricing;

namespace SpendOps.Tests.Web.Components.Pages.Pricing;

/// <summary>The discount dialog: the percentage's messages, the service's refusals in the form, and a discount saved or ended.</summary>
public sealed class DiscountEditDialogTests : PricingComponentTests
{
    [Fact]
    public async Task Submit_NoPercentage_ShowsRequiredMessage()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<DiscountEditDialog>("Add a discount", []);

        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Enter a percentage; 0 ends the discount of this scope.", providers.Markup));
    }

    [Theory]
    [InlineData("150")]
    [InlineData("-5")]
    public async Task Submit_PercentageOutOfRange_ShowsRangeMessage(string percent)
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<DiscountEditDialog>("Add a discount", []);

        await providers.InputLabelled("Percent off").ChangeAsync(new() { Value = percent });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("A discount is between 0 and 100 percent.", providers.Markup));
        await using var db = CreateContext();
        Assert.False(await db.PriceDiscounts.AnyAsync());
    }

    [Fact]
    public async Task Submit_InvalidModelPattern_ShowsTheServicesMessage()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<DiscountEditDialog>("Add a discount", []);

        await providers.InputLabelled("Model pattern").ChangeAsync(new() { Value = "claude sonnet" });
        await providers.InputLabelled("Percent off").ChangeAsync(new() { Value = "12" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Equal("'claude sonnet' is not a valid model pattern.", providers.Find("[role=alert]").TextContent.Trim()));
    }

    [Fact]
    public async Task Submit_Finance_RefusedBeforeSaving()
    {
        SignIn(Roles.Finance);
        var providers = RenderProviders();
        await ShowAsync<DiscountEditDialog>("Add a discount", []);

        await providers.InputLabelled("Percent off").ChangeAsync(new() { Value = "12" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Equal("Only administrators can change discounts.", providers.Find("[role=alert]").TextContent.Trim()));
        await using var db = CreateContext();
        Assert.False(await db.PriceDiscounts.AnyAsync());
    }

    [Fact]
    public async Task Submit_EndOfADiscount_SavesZeroPercentForTheSameScope()
    {
        var current = new PriceDiscount
        {
            TenantId = Tenant.Id, Provider = "anthropic", ModelPattern = "claude-*", Percent = 12m,
            EffectiveFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), CreatedBy = "seed",
        };
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<DiscountEditDialog>("End this discount", new DialogParameters<DiscountEditDialog>
        {
            { d => d.Current, current }, { d => d.Percent, 0m },
        });

        await providers.Find("form").SubmitAsync();

        var saved = Assert.IsType<PriceDiscount>((await dialog.Result)!.Data);
        Assert.Equal(("anthropic", "claude-*", 0m, Tenant.Id), (saved.Provider, saved.ModelPattern, saved.Percent, saved.TenantId));
        await using var db = CreateContext();
        Assert.Equal(0m, (await db.PriceDiscounts.SingleAsync()).Percent);
    }
}
