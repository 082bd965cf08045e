using Bunit;
using SpendOps.Core.Tenancy;
using TenantsPage = SpendOps.Web.Components.Pages.Tenants.Tenants;

namespace SpendOps.Tests.Web.Components.Pages.Tenants;

/// <summary>The tenants page: the name is checked inline, a taken name is refused, a new tenant asks for its first admin.</summary>
public sealed class TenantsTests : PortalComponentTests
{
    [Fact]
    public async Task Create_EmptyName_ShowsRequiredMessage()
    {
        SignIn(Roles.Admin, Roles.GlobalAdmin);
        RenderProviders();
        var page = Render<TenantsPage>();
        page.WaitForAssertion(() => Assert.Contains(Tenant.Name, page.Markup));

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Enter a name for the tenant, e.g. the company or department.", page.Markup));
    }

    [Fact]
    public async Task Create_ExistingName_ShowsMessageInline()
    {
        SignIn(Roles.Admin, Roles.GlobalAdmin);
        RenderProviders();
        var page = Render<TenantsPage>();
        page.WaitForAssertion(() => Assert.Contains(Tenant.Name, page.Markup));

        await page.Find("input").ChangeAsync(new() { Value = Tenant.Name });
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal($"Tenant '{Tenant.Name}' already exists.", page.Find(".validation-message[role=alert]").TextContent));
    }

    [Fact]
    public async Task Create_NewName_ListsItAndAsksForItsFirstAdmin()
    {
        var name = "new-" + Guid.NewGuid().ToString("N")[..6];
        SignIn(Roles.Admin, Roles.GlobalAdmin);
        var providers = RenderProviders();
        var page = Render<TenantsPage>();
        page.WaitForAssertion(() => Assert.Contains(Tenant.Name, page.Markup));

        await page.Find("input").ChangeAsync(new() { Value = name });
        // The submit handler waits for the add-admin dialog to close, so it is not awaited until the dialog is cancelled.
        var submitting = page.Find("form").SubmitAsync();

        providers.WaitForAssertion(() => Assert.Contains($"Add an admin to {name}", providers.Markup));
        Assert.DoesNotContain("Viewer: dashboards.", providers.Markup);
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"button[aria-label='Add admin to {name}']")));
        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await submitting;
    }
}
