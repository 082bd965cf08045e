using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Telemetry;

/// <summary>
/// A connection's ingest keys (hint, status, last use) with new, rotate and revoke. A new or rotated key is shown
/// once, in the setup dialog; the list only ever has the hint.
/// </summary>
public sealed partial class IngestKeyList
{
    private bool busy;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Parameter, EditorRequired]
    public TelemetryConnectionSummary Connection { get; set; } = null!;

    /// <summary>The connection's full endpoint URL, for the setup shown with a new key.</summary>
    [Parameter, EditorRequired]
    public string Endpoint { get; set; } = "";

    [Parameter, EditorRequired]
    public TenantCalendar Calendar { get; set; } = null!;

    /// <summary>Raised after a key changed, so the page reloads the connection.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    private string TitleId => $"keys-{Connection.Id:N}";

    private async Task CreateKeyAsync()
    {
        var created = await ChangeAsync((service, tenantId, actor) =>
            service.CreateKeyAsync(tenantId, $"{Connection.Name} ingest", [IngestKeyScopes.UsageWrite], Connection.Id, actor, CancellationToken.None));
        if (created is not null)
            await TelemetryConnectionDialogs.ShowSetupAsync(Dialogs, "New ingest key: copy it now", Endpoint, Connection.Source, created.FullKey);
    }

    private async Task RotateAsync(IngestKeySummary key)
    {
        if (await Dialogs.ShowMessageBoxAsync("Rotate this ingest key?",
                $"{key.DisplayHint} gets a new secret and the current one stops working at once: every Claude Code, Cowork or Office agents setup that uses it needs the new key.",
                yesText: "Rotate key", cancelText: "Cancel") != true)
            return;
        var rotated = await ChangeAsync((service, tenantId, actor) => service.RotateKeyAsync(tenantId, key.Id, actor, CancellationToken.None));
        if (rotated is not null)
            await TelemetryConnectionDialogs.ShowSetupAsync(Dialogs, "Key rotated: copy the new key", Endpoint, Connection.Source, rotated.FullKey);
    }

    private async Task RevokeAsync(IngestKeySummary key)
    {
        if (await Dialogs.ShowMessageBoxAsync("Revoke this ingest key?",
                $"Senders using {key.DisplayHint} get 401 from now on and their telemetry is lost. A revoked key cannot be turned back on; create a new key instead.",
                yesText: "Revoke key", cancelText: "Cancel") != true)
            return;
        if (await ChangeAsync((service, tenantId, actor) => service.RevokeKeyAsync(tenantId, key.Id, actor, CancellationToken.None)) is not null)
            Snackbar.Add($"Key revoked: {key.DisplayHint} no longer works.", Severity.Success);
    }

    /// <summary>Runs one key change in its own scope, for the signed-in admin's tenant; a rule violation becomes a snackbar.</summary>
    private async Task<T?> ChangeAsync<T>(Func<TelemetryConnectionService, Guid, string, Task<T>> change) where T : class
    {
        busy = true;
        try
        {
            if (!await Authorization.AllowsAsync(Authentication, PortalPolicies.Admin))
            {
                Snackbar.Add("Only administrators can change ingest keys.", Severity.Error);
                return null;
            }
            var tenantId = await Tenant.GetTenantIdAsync();
            var actor = await Tenant.GetActorAsync();
            var result = await Scopes.RunAsync<TelemetryConnectionService, T>(service => change(service, tenantId, actor));
            await OnChanged.InvokeAsync();
            return result;
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
            return null;
        }
        finally
        {
            busy = false;
        }
    }
}
