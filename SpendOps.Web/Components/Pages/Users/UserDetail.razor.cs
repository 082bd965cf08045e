using Microsoft.AspNetCore.Components;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Users;

/// <summary>One user of the tenant and the changes an admin can make. Users of other tenants are "not found".</summary>
public sealed partial class UserDetail
{
    private TenantUser? user;
    private string? role;
    private bool isSelf;
    private bool loaded;

    [Parameter]
    public string UserId { get; set; } = "";

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    private List<BreadcrumbItem> Breadcrumbs => [new("Users", href: "users"), new(user?.Email ?? UserId, href: null, disabled: true)];

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        var actor = await Tenant.GetAdminActorAsync();
        user = await Scopes.RunAsync<TenantUserService, TenantUser?>(s => s.FindAsync(tenantId, UserId, CancellationToken.None));
        role = user?.TenantRole;
        isSelf = user?.Id == actor.UserId;
        loaded = true;
    }

    private Task ChangeRoleAsync() => ChangeAsync(
        (users, tenantId, actor) => users.ChangeRoleAsync(tenantId, UserId, role!, actor, CancellationToken.None),
        $"Role changed to {role}.");

    private async Task ResetPasswordAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Reset password?", $"{user!.Email} gets a new password, shown to you once, and is signed out.",
                yesText: "Reset and show password", cancelText: "Cancel") != true)
            return;
        string? password = null;
        await ChangeAsync(async (users, tenantId, actor) => password = await users.ResetPasswordAsync(tenantId, UserId, actor, CancellationToken.None), null);
        if (password is not null)
            await PasswordShownOnceDialog.ShowAsync(Dialogs, "Password reset: copy it now", user.Email, password);
    }

    private Task UnlockAsync() => ChangeAsync(
        (users, tenantId, actor) => users.UnlockAsync(tenantId, UserId, actor, CancellationToken.None),
        user!.IsDisabled ? "User enabled." : "User unlocked.");

    private async Task DisableAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Disable this user?",
                $"{user!.Email} can no longer sign in, and is signed out within a minute. You can enable the account again.",
                yesText: "Disable user", cancelText: "Cancel") != true)
            return;
        await ChangeAsync((users, tenantId, actor) => users.DisableAsync(tenantId, UserId, actor, CancellationToken.None), "User disabled.");
    }

    private async Task ChangeAsync(Func<TenantUserService, Guid, AdminActor, Task> change, string? done)
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        var actor = await Tenant.GetAdminActorAsync();
        try
        {
            await Scopes.RunAsync<TenantUserService>(users => change(users, tenantId, actor));
            if (done is not null)
                Snackbar.Add(done, Severity.Success);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
    }
}
