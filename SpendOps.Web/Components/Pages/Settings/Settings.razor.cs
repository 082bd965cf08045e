using Microsoft.AspNetCore.Components;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Settings;

/// <summary>The tenant's time zone and dimension catalogue, for administrators of that tenant.</summary>
public sealed partial class Settings
{
    /// <summary>IANA ids only: Windows ids would be converted on save anyway, and listing both doubles every zone.</summary>
    private static readonly Lazy<IReadOnlyList<string>> Zones = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal).ToList());

    private IReadOnlyList<TenantDimension>? catalogue;
    private string? zone;
    private string? savedZone;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        await using var scope = Scopes.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<Core.Data.SpendOpsDbContext>().Tenants.FindAsync(tenantId);
        zone = savedZone = tenant?.TimeZone;
        await LoadCatalogueAsync();
    }

    private Task<IEnumerable<string>> SearchZonesAsync(string? text, CancellationToken cancellationToken)
    {
        var terms = (text ?? "").Trim().Replace(' ', '_');
        return Task.FromResult(terms.Length == 0 ? Zones.Value : Zones.Value.Where(z => z.Contains(terms, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task SaveZoneAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        var actor = await Tenant.GetActorAsync();
        try
        {
            var tenant = await Scopes.RunAsync<TenantService, Tenant>(s => s.SetTimeZoneAsync(tenantId, zone ?? "", actor, CancellationToken.None));
            zone = savedZone = tenant.TimeZone;
            Snackbar.Add($"Time zone saved: days and months now start at midnight in {tenant.TimeZone}.", Severity.Success);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private async Task LoadCatalogueAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        catalogue = await Scopes.RunAsync<TenantDimsService, IReadOnlyList<TenantDimension>>(s => s.ListAsync(tenantId, CancellationToken.None));
    }

    private Task AddAsync() => EditAsync(null);

    private async Task EditAsync(TenantDimension? current)
    {
        if (await DimensionEditDialog.OpenAsync(Dialogs, current) is not { } saved)
            return;
        await LoadCatalogueAsync();
        Snackbar.Add($"Dimension '{saved.Name}' saved. The proxy applies it within seconds.", Severity.Success);
    }

    private async Task DeleteAsync(TenantDimension entry)
    {
        if (await Dialogs.ShowMessageBoxAsync($"Delete dimension {entry.Name}?",
                $"Calls are no longer required to send '{entry.Name}'. If other dimensions remain in the list, calls that send '{entry.Name}' get 400 dims_policy violation.",
                yesText: "Delete dimension", cancelText: "Cancel") != true)
            return;
        var tenantId = await Tenant.GetTenantIdAsync();
        var actor = await Tenant.GetActorAsync();
        try
        {
            await Scopes.RunAsync<TenantDimsService>(s => s.RemoveAsync(tenantId, entry.Name, actor, CancellationToken.None));
            await LoadCatalogueAsync();
            Snackbar.Add($"Dimension '{entry.Name}' deleted.", Severity.Success);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }
}
