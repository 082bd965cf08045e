using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>Roles decide which pages open and which menu entries show; tenants never see each other's data, even by URL.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class AccessTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task FinanceUser_KeyPages_AccessDeniedAndNotInMenu()
    {
        var finance = await fixture.CreateUserAsync(PortalNames.Email("finance"), Roles.Finance);
        var key = await fixture.CreateKeyAsync(name: PortalNames.Unique("finance-cannot-see"));
        await using var session = await fixture.SignInAsync(finance);

        var home = await session.OpenAsync("/");
        var menu = home.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await menu.GetByText("Usage").WaitForAsync();
        Assert.Equal(0, await menu.GetByText("API keys").CountAsync());
        Assert.Equal(0, await menu.GetByText("Users").CountAsync());
        Assert.Equal(0, await menu.GetByText("Audit log").CountAsync());
        Assert.Equal(0, await menu.GetByText("Settings").CountAsync());
        Assert.Equal(0, await menu.GetByText("Tenants").CountAsync());
        Assert.Equal(0, await menu.GetByText("Jobs").CountAsync());

        foreach (var path in new[] { "/keys", $"/keys/{key.Key.Id}", "/users", "/audit", "/settings", "/tenants" })
        {
            var page = await session.OpenAsync(path, interactive: false);
            await page.Page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" }).WaitForAsync();
            Assert.Equal(0, await page.Page.GetByText(key.Key.Name).CountAsync());
        }
        home.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task TenantAdmin_OtherTenantsKeyAndUserByUrl_NotFound()
    {
        var tenantB = PortalNames.Unique("tenant-b");
        var adminB = await fixture.CreateUserAsync(PortalNames.Email("admin-b"), Roles.Admin, tenantB);
        var keyB = await fixture.CreateKeyAsync(tenant: tenantB, name: PortalNames.Unique("b-secret-key"));
        var userB = await fixture.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == adminB.Email)));
        var keyA = await fixture.CreateKeyAsync(name: PortalNames.Unique("a-key"));
        await using var sessionA = await fixture.SignInAsync();

        var keyPage = await sessionA.OpenAsync($"/keys/{keyB.Key.Id}");
        await keyPage.Page.GetByRole(AriaRole.Heading, new() { Name = "Key not found" }).WaitForAsync();
        var userPage = await sessionA.OpenAsync($"/users/{userB.Id}");
        await userPage.Page.GetByRole(AriaRole.Heading, new() { Name = "User not found" }).WaitForAsync();
        var list = await sessionA.OpenAsync("/keys");
        await list.Page.GetByRole(AriaRole.Link, new() { Name = $"Edit key {keyA.Key.Name}" }).WaitForAsync();
        var users = await sessionA.OpenAsync("/users");
        await users.Page.GetByRole(AriaRole.Link, new() { Name = SpendOpsAppFactory.AdminEmail }).WaitForAsync();
        var audit = await sessionA.OpenAsync("/audit");
        await audit.Page.GetByLabel("Audit entries").GetByText(keyA.Key.Id).WaitForAsync();

        Assert.Equal(0, await keyPage.Page.GetByText(keyB.Key.Name).CountAsync());
        Assert.Equal(0, await userPage.Page.GetByText(adminB.Email).CountAsync());
        Assert.Equal(0, await list.Page.GetByText(keyB.Key.Name).CountAsync());
        Assert.Equal(0, await users.Page.GetByText(adminB.Email).CountAsync());
        Assert.Equal(0, await audit.Page.GetByText(keyB.Key.Id).CountAsync());
        foreach (var page in new[] { keyPage, userPage, list, users, audit })
            page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task TenantAdmin_OwnTenantOnly_SeesNoDefaultTenantKeysAndNoTenantsPage()
    {
        var tenantB = PortalNames.Unique("tenant-c");
        var adminB = await fixture.CreateUserAsync(PortalNames.Email("admin-c"), Roles.Admin, tenantB);
        var keyA = await fixture.CreateKeyAsync(name: PortalNames.Unique("default-only"));
        await using var session = await fixture.SignInAsync(adminB);

        var keyPage = await session.OpenAsync($"/keys/{keyA.Key.Id}");
        await keyPage.Page.GetByRole(AriaRole.Heading, new() { Name = "Key not found" }).WaitForAsync();
        var connect = await session.OpenAsync("/connect");
        await connect.Page.GetByText("No API keys yet").WaitForAsync();
        var tenants = await session.OpenAsync("/tenants", interactive: false);
        await tenants.Page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" }).WaitForAsync();

        Assert.Equal(0, await connect.Page.GetByText(keyA.Key.Name).CountAsync());
        Assert.Equal(0, await connect.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("Tenants").CountAsync());
        keyPage.AssertNoBrowserErrors();
        connect.AssertNoBrowserErrors();
    }
}
