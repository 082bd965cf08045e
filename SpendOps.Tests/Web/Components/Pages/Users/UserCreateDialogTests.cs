using Bunit;
using MudBlazor;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Users;

namespace SpendOps.Tests.Web.Components.Pages.Users;

/// <summary>The new-user dialog: DataAnnotations messages inline, the role choice, and the tenant check before any save.</summary>
public sealed class UserCreateDialogTests : PortalComponentTests
{
    [Fact]
    public async Task Submit_EmptyEmail_ShowsRequiredMessage()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<UserCreateDialog>("Add user", new DialogParameters<UserCreateDialog> { { d => d.TenantId, Tenant.Id } });

        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("e-mail address; it is also their user name.", providers.Markup));
    }

    [Fact]
    public async Task Submit_InvalidEmail_ShowsNotAnAddress()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<UserCreateDialog>("Add user", new DialogParameters<UserCreateDialog> { { d => d.TenantId, Tenant.Id } });

        await providers.Find("input[autocomplete=off]").ChangeAsync(new() { Value = "not-an-address" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("This is not an e-mail address.", providers.Markup));
    }

    [Fact]
    public async Task Submit_ShortPassword_ShowsLengthMessage()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<UserCreateDialog>("Add user", new DialogParameters<UserCreateDialog> { { d => d.TenantId, Tenant.Id } });

        await providers.Find("input[type=password]").ChangeAsync(new() { Value = "short" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Use at least 8 characters, or leave empty to generate one.", providers.Markup));
    }

    [Fact]
    public async Task Submit_OtherTenantByTenantAdmin_RefusedBeforeSaving()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        await ShowAsync<UserCreateDialog>("Add an admin to elsewhere",
            new DialogParameters<UserCreateDialog> { { d => d.TenantId, Guid.NewGuid() }, { d => d.FixedRole, Roles.Admin } });

        await providers.Find("input[autocomplete=off]").ChangeAsync(new() { Value = "someone@elsewhere.test" });
        await providers.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains("Only a global administrator can add users to another tenant.", providers.Find("[role=alert]").TextContent));
    }

    [Fact]
    public async Task Render_NoFixedRole_OffersRoleChoice()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();

        await ShowAsync<UserCreateDialog>("Add user", new DialogParameters<UserCreateDialog> { { d => d.TenantId, Tenant.Id } });

        Assert.Contains("Viewer: dashboards.", providers.Markup);
    }

    [Fact]
    public async Task Render_FixedRole_HidesRoleChoice()
    {
        SignIn(Roles.Admin, Roles.GlobalAdmin);
        var providers = RenderProviders();

        await ShowAsync<UserCreateDialog>("Add an admin", new DialogParameters<UserCreateDialog> { { d => d.TenantId, Tenant.Id }, { d => d.FixedRole, Roles.Admin } });

        Assert.DoesNotContain("Viewer: dashboards.", providers.Markup);
    }

    [Fact]
    public async Task Cancel_Clicked_ClosesWithoutAUser()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<UserCreateDialog>("Add user", new DialogParameters<UserCreateDialog> { { d => d.TenantId, Tenant.Id } });

        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
        Assert.DoesNotContain("E-mail", providers.Markup);
    }
}
