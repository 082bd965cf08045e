using Bunit;
using MudBlazor;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Users;

namespace SpendOps.Tests.Web.Components.Pages.Users;

/// <summary>A generated password is shown once with the warning; once the dialog is closed nothing shows it again.</summary>
public sealed class PasswordShownOnceDialogTests : PortalComponentTests
{
    private const string Password = "Generated-Password-42!";

    [Fact]
    public async Task Show_GeneratedPassword_ShowsItWithTheWarning()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();

        await ShowAsync<PasswordShownOnceDialog>("User created: copy the password", Parameters());

        Assert.Equal(Password, providers.Find("input.shown-once-value").GetAttribute("value"));
        Assert.Contains("you will not see it again", providers.Markup);
        Assert.Contains("new@spendops.test", providers.Markup);
        Assert.NotNull(providers.Find("button[aria-label='Copy Password']"));
    }

    [Fact]
    public async Task Done_Clicked_PasswordIsGone()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var dialog = await ShowAsync<PasswordShownOnceDialog>("User created: copy the password", Parameters());

        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Done, I have copied it").ClickAsync(new());

        await dialog.Result;
        providers.WaitForAssertion(() => Assert.DoesNotContain(Password, providers.Markup));
        Assert.Empty(providers.FindAll("input.shown-once-value"));
    }

    private static DialogParameters<PasswordShownOnceDialog> Parameters() =>
        new() { { d => d.Email, "new@spendops.test" }, { d => d.Password, Password } };
}
