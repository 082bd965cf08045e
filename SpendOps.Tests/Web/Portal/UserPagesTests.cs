using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>User administration in the browser, checked by signing in as the users it changes.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class UserPagesTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task AddUser_GeneratedPassword_ShownOnceAndWorksForSignIn()
    {
        var email = PortalNames.Email("new-finance");
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/users");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("E-mail").FillAsync(email);
        await dialog.GetByRole(AriaRole.Combobox, new() { Name = "Role" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Option, new() { Name = Roles.Finance }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await page.Page.GetByText("User created: copy the password").WaitForAsync();
        var password = await page.Page.GetByLabel("Password", new() { Exact = true }).InputValueAsync();
        await page.ScreenshotAsync("password-shown-once");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Done, I have copied it" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Link, new() { Name = email }).WaitForAsync();

        await using var newUser = await fixture.SignInAsync(new PortalUser(email, password));
        var home = await newUser.OpenAsync("/");
        await home.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("Usage").WaitForAsync();
        Assert.Equal(0, await home.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByText("API keys").CountAsync());
        var audit = await session.OpenAsync("/audit");
        await audit.Page.GetByLabel("Audit entries").GetByText($"{email} as Finance").WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task AddUser_InvalidEmail_ShowsInlineMessage()
    {
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync("/users");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);

        await dialog.GetByLabel("E-mail").FillAsync("not-an-address");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        await dialog.GetByText("This is not an e-mail address.").WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task UserDetail_ChangeRoleResetDisableEnable_TakesEffectAndIsAudited()
    {
        var user = await fixture.CreateUserAsync(PortalNames.Email("managed"), Roles.Viewer);
        var id = await fixture.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == user.Email).Id));
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync($"/users/{id}");

        await page.Page.GetByRole(AriaRole.Combobox, new() { Name = "Role" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Option, new() { Name = Roles.Finance }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await page.Page.GetByText("Role changed to Finance.").WaitForAsync();

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Reset and show password" }).ClickAsync();
        await page.Page.GetByText("Password reset: copy it now").WaitForAsync();
        var password = await page.Page.GetByLabel("Password", new() { Exact = true }).InputValueAsync();
        await page.WaitForFocusInDialogAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        var reset = new PortalUser(user.Email, password);
        await using (var signedIn = await fixture.SignInAsync(reset))
            Assert.NotNull(signedIn);
        fixture.ForgetSignIn(reset);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Disable user", Exact = true }).ClickAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Enable" }).WaitForAsync();
        await using (var blocked = await fixture.AnonymousAsync())
        {
            var login = await blocked.OpenAsync("/Account/Login", interactive: false);
            await PortalFixture.SubmitLoginAsync(login.Page, reset);
            await login.Page.GetByText("This account has been locked out").WaitForAsync();
        }
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await page.Page.GetByText("User enabled.").WaitForAsync();
        await using (var again = await fixture.SignInAsync(reset))
            Assert.NotNull(again);

        var audit = await session.OpenAsync("/audit");
        var entries = audit.Page.GetByLabel("Audit entries");
        foreach (var action in new[] { "user.role_changed", "user.password_reset", "user.disabled", "user.enabled" })
            await entries.GetByText(action).First.WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task UserDetail_OwnAccount_OffersNoRoleChangeOrDisable()
    {
        var id = await fixture.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == SpendOpsAppFactory.AdminEmail).Id));
        await using var session = await fixture.SignInAsync();

        var page = await session.OpenAsync($"/users/{id}");

        await page.Page.GetByText("This is you.").WaitForAsync();
        Assert.Equal(0, await page.Page.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).CountAsync());
        Assert.True(await page.Page.GetByRole(AriaRole.Button, new() { Name = "Change role" }).IsDisabledAsync());
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task LockedOutUser_Unlock_CanSignInAgain()
    {
        var user = await fixture.CreateUserAsync(PortalNames.Email("locked"), Roles.Viewer);
        await using (var attacker = await fixture.AnonymousAsync())
        {
            var login = await attacker.OpenAsync("/Account/Login", interactive: false);
            for (var attempt = 1; attempt <= 5; attempt++)
                await PortalFixture.SubmitLoginAsync(login.Page, user with { Password = "Wrong-Password-1" });
            await login.Page.GetByText("This account has been locked out").WaitForAsync();
        }
        var id = await fixture.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == user.Email).Id));
        await using var session = await fixture.SignInAsync();
        var page = await session.OpenAsync($"/users/{id}");

        await page.Page.GetByText("Locked out", new() { Exact = true }).WaitForAsync();
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await page.Page.GetByText("User unlocked.").WaitForAsync();

        await using var signedIn = await fixture.SignInAsync(user);
        Assert.NotNull(signedIn);
        page.AssertNoBrowserErrors();
    }
}
