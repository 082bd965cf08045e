using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Keys;

/// <summary>One key: its details, its policy form and the disable/enable/rotate actions. Keys of other tenants are "not found".</summary>
public sealed partial class KeyEdit
{
    private ApiKeySummary? current;
    private KeyPolicyInput input = new();
    private bool loaded;
    private TenantDimsPolicy? tenantDims;

    [Parameter]
    public string KeyId { get; set; } = "";

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    private List<BreadcrumbItem> Breadcrumbs => [new("API keys", href: "keys"), new(current?.Name ?? KeyId, href: null, disabled: true)];

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        current = await ApiKeyQueries.FindAsync(db, tenantId, KeyId, CancellationToken.None);
        input = current is null ? new KeyPolicyInput() : KeyPolicyInput.From(current);
        tenantDims = new TenantDimsPolicy(await db.TenantDimensions.AsNoTracking().Where(d => d.TenantId == tenantId).ToListAsync());
        loaded = true;
    }

    private async Task<string?> SaveAsync(KeyPolicyInput form)
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        var actor = await Tenant.GetActorAsync();
        try
        {
            await Scopes.RunAsync<ApiKeyService, ApiKey>(keys =>
                keys.UpdateAsync(KeyId, TenantScope.Of(tenantId), form.Name, form.ToPolicy(), form.ExpiresAt, actor, CancellationToken.None));
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        await LoadAsync();
        Snackbar.Add("Policy saved. The proxy applies it within seconds.", Severity.Success);
        return null;
    }
}
