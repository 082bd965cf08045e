using Microsoft.Playwright;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>Global administrators create tenants and their first admins, who then see only their own tenant.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class TenantsPageTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task CreateTenant_WithFirstAdmin_AdminSignsInToAnEmptyTenant()
    {
        var tenant = PortalNames.Unique("acme");
        var email = PortalNames.Email("acme-admin");
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/tenants");

        await page.Page.GetByLabel("New tenant name").FillAsync(tenant);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText($"Add an admin to {tenant}").WaitForAsync();
        await dialog.GetByLabel("E-mail").FillAsync(email);
        await dialog.GetByLabel("Initial password (optional)").FillAsync("Acme-Password-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await page.Page.GetByText($"{email} is an admin of {tenant}.").WaitForAsync();
        await page.ScreenshotAsync("tenant-created");

        await using var acme = await fixture.SignInAsync(new PortalUser(email, "Acme-Password-1"));
        var keys = await acme.OpenAsync("/keys");
        await keys.Page.GetByText("No API keys yet").WaitForAsync();
        var users = await acme.OpenAsync("/users");
        await users.Page.GetByRole(AriaRole.Link, new() { Name = email }).WaitForAsync();
        Assert.Equal(0, await users.Page.GetByText(SpendOpsAppFactory.AdminEmail).CountAsync());
        page.AssertNoBrowserErrors();
        keys.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task CreateTenant_ExistingName_ShowsMessageInline()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/tenants");

        await page.Page.GetByLabel("New tenant name").FillAsync("default");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();

        await page.Page.GetByText("Tenant 'default' already exists.").WaitForAsync();
        page.AssertNoBrowserErrors();
    }
}
