using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Users;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Tenants;

/// <summary>Global administrators create tenants and their first admins here.</summary>
public sealed partial class Tenants
{
    private TenantInput input = new();
    private IReadOnlyList<TenantSummary>? tenants;
    private string? error;
    private bool saving;

    [Inject]
    private TenantContext CurrentUser { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() =>
        tenants = await Scopes.RunAsync<TenantService, IReadOnlyList<TenantSummary>>(s => s.ListAsync(CancellationToken.None));

    private async Task CreateAsync()
    {
        error = null;
        saving = true;
        Tenant? created;
        try
        {
            var actor = await CurrentUser.GetActorAsync();
            created = await Scopes.RunAsync<TenantService, Tenant>(s => s.CreateAsync(input.Name, actor, CancellationToken.None));
        }
        catch (DomainException ex)
        {
            error = ex.Message;
            return;
        }
        finally
        {
            saving = false;
        }
        input = new TenantInput();
        await LoadAsync();
        StateHasChanged();
        Snackbar.Add($"Tenant {created.Name} created. Add its first admin.", Severity.Success);
        await AddAdminAsync(tenants!.First(t => t.Id == created.Id));
    }

    private async Task AddAdminAsync(TenantSummary tenant)
    {
        if (await UserCreateDialog.OpenAsync(Dialogs, $"Add an admin to {tenant.Name}", tenant.Id, Roles.Admin) is not { } user)
            return;
        await LoadAsync();
        StateHasChanged();
        if (user.GeneratedPassword is { } password)
            await PasswordShownOnceDialog.ShowAsync(Dialogs, "Admin created: copy the password", user.User.Email, password);
        else
            Snackbar.Add($"{user.User.Email} is an admin of {tenant.Name}.", Severity.Success);
    }

    private sealed class TenantInput
    {
        [Required(ErrorMessage = "Enter a name for the tenant, e.g. the company or department.")]
        [StringLength(100, ErrorMessage = "Tenant name must be 1 to 100 characters.")]
        public string Name { get; set; } = "";
    }
}
