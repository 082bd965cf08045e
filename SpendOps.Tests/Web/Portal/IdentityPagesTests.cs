using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>The Identity pages (statically rendered): sign-in, lockout, profile and password change.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class IdentityPagesTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task Login_WrongPassword_ShowsInvalidLoginAttempt()
    {
        var user = await fixture.CreateUserAsync(PortalNames.Email("typo"), Roles.Viewer);
        await using var session = await fixture.AnonymousAsync();
        var page = await session.OpenAsync("/Account/Login", interactive: false);

        await PortalFixture.SubmitLoginAsync(page.Page, user with { Password = "Not-The-Password-1" });

        await page.Page.GetByRole(AriaRole.Alert).GetByText("Invalid login attempt").WaitForAsync();
        Assert.Contains("/Account/Login", page.Page.Url, StringComparison.Ordinal);
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task Login_FiveWrongPasswords_LocksOutEvenTheRightPassword()
    {
        var user = await fixture.CreateUserAsync(PortalNames.Email("lockout"), Roles.Viewer);
        await using var session = await fixture.AnonymousAsync();
        var page = await session.OpenAsync("/Account/Login", interactive: false);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await PortalFixture.SubmitLoginAsync(page.Page, user with { Password = "Wrong-Password-1" });
            await page.Page.GetByText("Invalid login attempt").WaitForAsync();
        }
        await PortalFixture.SubmitLoginAsync(page.Page, user with { Password = "Wrong-Password-1" });
        await page.Page.GetByText("This account has been locked out").WaitForAsync();
        await page.GotoAsync("/Account/Login", interactive: false);
        await PortalFixture.SubmitLoginAsync(page.Page, user);

        await page.Page.GetByText("This account has been locked out").WaitForAsync();
        page.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task ChangePassword_NewPassword_SignsInWithIt()
    {
        var user = await fixture.CreateUserAsync(PortalNames.Email("changer"), Roles.Viewer);
        await using var session = await fixture.SignInAsync(user);
        var page = await session.OpenAsync("/Account/Manage/ChangePassword", interactive: false);

        await page.Page.GetByLabel("Old password").FillAsync(user.Password);
        await page.Page.GetByLabel("New password").FillAsync("Changed-Password-2");
        await page.Page.GetByLabel("Confirm password").FillAsync("Changed-Password-2");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await page.Page.GetByText("Your password has been changed").WaitForAsync();
        fixture.ForgetSignIn(user);

        await using var again = await fixture.SignInAsync(user with { Password = "Changed-Password-2" });
        var profile = await again.OpenAsync("/Account/Manage", interactive: false);
        await profile.Page.GetByRole(AriaRole.Heading, new() { Name = "Profile" }).WaitForAsync();
        Assert.Equal(user.Email, await profile.Page.GetByLabel("Username").InputValueAsync());
        page.AssertNoBrowserErrors();
        profile.AssertNoBrowserErrors();
    }
}
