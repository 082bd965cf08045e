using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Pricing;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Pricing;

/// <summary>
/// Adds a price version (new model, new version of a row, or a model from the unpriced list). Closes with the
/// saved <see cref="ModelPrice"/>, or null when cancelled. Rule violations (<see cref="DomainException"/>) show in the form.
/// </summary>
public sealed partial class PriceEditDialog
{
    private PriceInput input = new();
    private string? error;
    private bool saving;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = null!;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = null!;

    /// <summary>The row a new version is made of; null for a new price.</summary>
    [Parameter]
    public ModelPrice? Template { get; set; }

    /// <summary>For a new price: whether it starts as the tenant's own price.</summary>
    [Parameter]
    public bool ForTenant { get; set; }

    /// <summary>Global administrators choose between the catalog and their tenant; others only set tenant prices.</summary>
    [Parameter]
    public bool CanSetCatalog { get; set; }

    [Parameter]
    public string? Provider { get; set; }

    [Parameter]
    public string? Model { get; set; }

    private bool IsNewVersion => Template is not null;

    private bool CanChooseScope => CanSetCatalog && !IsNewVersion;

    private bool CarriesHiddenRates => Template is { } t
        && (t.AudioInputPerMTok ?? t.AudioOutputPerMTok ?? t.ImageInputPerMTok ?? t.ImageOutputPerMTok ?? t.SearchFeeLow ?? t.SearchFeeMedium ?? t.SearchFeeHigh) is not null;

    private string EffectiveHelp => IsNewVersion ? "Empty: from now" : "Empty: the first price, for all past calls";

    protected override void OnInitialized() =>
        input = PriceInput.For(Template, ForTenant || !CanSetCatalog, Provider, Model);

    private async Task SaveAsync()
    {
        error = null;
        saving = true;
        try
        {
            // Catalog prices change every tenant's costs, so they need a global administrator; tenant prices an administrator.
            var policy = input.ForTenant ? PortalPolicies.Admin : PortalPolicies.GlobalAdmin;
            if (!await Authorization.AllowsAsync(Authentication, policy))
            {
                error = input.ForTenant
                    ? "Only administrators can change prices."
                    : "Only global administrators can change catalog prices, since they apply to every tenant.";
                return;
            }
            var tenantId = await Tenant.GetTenantIdAsync();
            var actor = await Tenant.GetActorAsync();
            await using var scope = Scopes.CreateAsyncScope();
            var saved = await scope.ServiceProvider.GetRequiredService<PriceService>().SetPriceAsync(
                input.ToPrice(Template, tenantId, actor), PriceDisplay.FromUtcPicker(input.EffectiveFromUtc), actor, CancellationToken.None);
            Dialog.Close(DialogResult.Ok(saved));
        }
        catch (DomainException e)
        {
            error = e.Message;
        }
        finally
        {
            saving = false;
        }
    }
}
