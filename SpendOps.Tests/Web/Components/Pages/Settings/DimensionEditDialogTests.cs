using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Settings;

namespace SpendOps.Tests.Web.Components.Pages.Settings;

/// <summary>The catalogue entry dialog: inline rule messages, the service's refusals, and saving into the signed-in admin's tenant.</summary>
public sealed class DimensionEditDialogTests : PortalComponentTests
{
    public DimensionEditDialogTests() => Services.AddScoped<TenantDimsService>();

    [Theory]
    [InlineData("", "Enter the dimension's name, e.g. team or user.")]
    [InlineData("my team", "Use 1 to 64 letters, digits, '_', '-' or '.' (no spaces).")]
    public async Task Submit_BadName_ShowsInlineMessage(string name, string expected)
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<DimensionEditDialog>("Add dimension", []);

        await providers.Find("input").ChangeAsync(new() { Value = name });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains(expected, providers.Markup));
        Assert.Empty(await DimensionsAsync());
    }

    [Fact]
    public async Task Submit_ValueWithControlCharacter_ShowsInlineMessage()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<DimensionEditDialog>("Add dimension", []);

        await providers.Find("input").ChangeAsync(new() { Value = "team" });
        await providers.Find("textarea").ChangeAsync(new() { Value = "backend, we\u0007b" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("is not a valid value: at most 256 printable characters.", providers.Markup));
    }

    [Fact]
    public async Task Submit_ValidEntry_SavesIntoOwnTenantAndCloses()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<DimensionEditDialog>("Add dimension", []);

        await providers.Find("input").ChangeAsync(new() { Value = "Team" });
        await providers.Find("textarea").ChangeAsync(new() { Value = "backend\nweb, backend" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.DoesNotContain("Save dimension", providers.Markup), TimeSpan.FromSeconds(10));
        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result!.Canceled);
        var saved = Assert.Single(await DimensionsAsync());
        Assert.Equal("team", saved.Name);
        Assert.Equal(["backend", "web"], saved.AllowedValues);
        Assert.False(saved.Required);
    }

    [Fact]
    public async Task Submit_KeyWouldBeWider_ShowsTheServiceMessage()
    {
        await using (var db = CreateContext())
        {
            db.ApiKeys.Add(new ApiKey
            {
                Id = "dlgkey", TenantId = Tenant.Id, Name = "reports", SecretHash = "x", SecretHint = "abcd",
                Policy = new KeyPolicy { RequiredDims = ["user"], AllowedDims = new Dictionary<string, IReadOnlyList<string>> { ["user"] = [] } },
            });
            await db.SaveChangesAsync();
        }
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<DimensionEditDialog>("Add dimension", []);

        await providers.Find("input").ChangeAsync(new() { Value = "team" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Equal(
            "Key 'reports' (dlgkey) requires dimension 'user', which is not in the tenant's dimension catalogue (team) after this change. Change that key's policy first.",
            providers.Find("[role=alert]").TextContent.Trim()));
        Assert.Empty(await DimensionsAsync());
    }

    [Fact]
    public async Task Submit_SignedInAsFinance_RefusedBeforeSaving()
    {
        SignIn(Roles.Finance);
        var providers = RenderProviders();
        await ShowAsync<DimensionEditDialog>("Add dimension", []);

        await providers.Find("input").ChangeAsync(new() { Value = "team" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Only administrators can change the dimension catalogue.", providers.Find("[role=alert]").TextContent));
        Assert.Empty(await DimensionsAsync());
    }

    private async Task<List<TenantDimension>> DimensionsAsync()
    {
        await using var db = CreateContext();
        return await db.TenantDimensions.AsNoTracking().Where(d => d.TenantId == Tenant.Id).ToListAsync();
    }
}
