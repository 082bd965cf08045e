using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// The price catalog, the tenant's own prices and discounts, the models without a price, and (administrators)
/// catalog import, re-rating and the catalog checks. Finance sees the first three read-only. Catalog prices apply
/// to every tenant, so changing or importing them needs a global administrator; an administrator changes the
/// tenant's own prices.
/// The section is in the address (<c>?tab=unpriced</c>) so it can be linked to.
/// </summary>
public sealed partial class Pricing
{
    private static readonly string[] tabs = ["catalog", "tenant", "unpriced", "tools", "checks"];

    // Esc closes, like every dialog; a click beside the form does not, so typed rates are not lost by a stray click.
    private static readonly DialogOptions formDialogOptions = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };

    private Guid tenantId;
    private TenantCalendar? calendar;
    private DateOnly today;
    private bool canEdit;
    private bool canEditCatalog;
    private int selectedIndex;
    private IReadOnlyList<UnpricedModel>? unpriced;
    private PriceGrid? catalogGrid;
    private PriceGrid? tenantGrid;
    private DiscountList? discountList;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    private string UnpricedTabText => unpriced is { Count: > 0 } ? $"Unpriced models ({unpriced.Count})" : "Unpriced models";

    protected override async Task OnInitializedAsync()
    {
        tenantId = await Tenant.GetTenantIdAsync();
        canEdit = await Authorization.AllowsAsync(Authentication, PortalPolicies.Admin);
        canEditCatalog = await Authorization.AllowsAsync(Authentication, PortalPolicies.GlobalAdmin);
        await using (var db = await Contexts.CreateDbContextAsync())
            calendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        today = calendar.DateOf(Clock.GetUtcNow());
        await LoadUnpricedAsync();
    }

    protected override void OnParametersSet()
    {
        var index = Array.IndexOf(tabs, Tab?.ToLowerInvariant());
        selectedIndex = index < 0 || (tabs[index] is ("tools" or "checks") && !canEdit) ? 0 : index;
    }

    /// <summary>
    /// The tab the user chose goes into the address. Not from MudTabs' ActivePanelIndexChanged: that also reports the
    /// panels' removal while the page is torn down (prerendering ended, the circuit closed), when navigating throws.
    /// </summary>
    private Task TabChosenAsync(TabInteractionEventArgs interaction)
    {
        if (interaction.InteractionType == TabInteractionType.Activate)
        {
            selectedIndex = interaction.PanelIndex;
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", selectedIndex == 0 ? null : tabs[selectedIndex]), replace: true);
        }
        return Task.CompletedTask;
    }

    private async Task LoadUnpricedAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        unpriced = await scope.ServiceProvider.GetRequiredService<PriceService>().ListUnpricedModelsAsync(TenantScope.Of(tenantId), CancellationToken.None);
    }

    private Task AddPriceAsync(bool forTenant) =>
        OpenPriceDialogAsync(forTenant ? "Add a price for your tenant" : "Add a price", null, forTenant, null, null);

    private Task NewVersionAsync(ModelPrice row) =>
        OpenPriceDialogAsync($"New version of {row.ModelKey}", row, row.TenantId is not null, null, null);

    private Task AddUnpricedAsync(UnpricedModel model) =>
        OpenPriceDialogAsync($"Add a price for {model.Model}", null, !canEditCatalog, model.Provider, model.Model);

    private async Task OpenPriceDialogAsync(string title, ModelPrice? template, bool forTenant, string? provider, string? model)
    {
        var dialog = await Dialogs.ShowAsync<PriceEditDialog>(title, new DialogParameters<PriceEditDialog>
        {
            { d => d.Template, template },
            { d => d.ForTenant, forTenant },
            { d => d.CanSetCatalog, canEditCatalog },
            { d => d.Provider, provider },
            { d => d.Model, model },
        }, formDialogOptions);
        if (await dialog.Result is not { Canceled: false, Data: ModelPrice saved })
            return;
        Snackbar.Add($"Price saved for {saved.ModelKey}. Unpriced calls get it within seconds; re-rate to re-price calls already priced.", Severity.Success);
        await ChangedAsync();
    }

    private async Task EditDiscountAsync(PriceDiscount? current, decimal? percent)
    {
        var title = current is null ? "Add a discount" : "End this discount";
        var dialog = await Dialogs.ShowAsync<DiscountEditDialog>(title, new DialogParameters<DiscountEditDialog>
        {
            { d => d.Current, current },
            { d => d.Percent, percent },
        }, formDialogOptions);
        if (await dialog.Result is not { Canceled: false, Data: PriceDiscount saved })
            return;
        Snackbar.Add($"Discount of {PriceDisplay.Percent(saved.Percent)} saved. Re-rate a period to apply it to calls already priced.", Severity.Success);
        if (selectedIndex == 1 && discountList is not null)
            await discountList.ReloadAsync();
    }

    /// <summary>
    /// After a price, import or re-rate: the shown grid and the unpriced list may have changed. Only the selected
    /// tab's components exist (the others are disposed, their references stale); a tab shown later loads fresh.
    /// </summary>
    private async Task ChangedAsync()
    {
        if (selectedIndex == 0 && catalogGrid is not null)
            await catalogGrid.ReloadAsync();
        if (selectedIndex == 1 && tenantGrid is not null)
            await tenantGrid.ReloadAsync();
        await LoadUnpricedAsync();
    }
}
