using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Telemetry;

/// <summary>
/// The tenant's telemetry connections: where to send, when data last arrived, and their ingest keys; creating a
/// connection shows its first key once with the setup to paste. Endpoints use this deployment's public address.
/// </summary>
public sealed partial class TelemetryConnections
{
    private Guid tenantId;
    private TenantCalendar? calendar;
    private DateTimeOffset now;
    private string baseUrl = "";
    private IReadOnlyList<TelemetryConnectionSummary>? connections;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private IConfiguration Configuration { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        tenantId = await Tenant.GetTenantIdAsync();
        baseUrl = PublicBaseUrl.Resolve(Configuration, Navigation.BaseUri);
        await using (var db = await Contexts.CreateDbContextAsync())
            calendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        now = Clock.GetUtcNow();
        connections = await Scopes.RunAsync<TelemetryConnectionService, IReadOnlyList<TelemetryConnectionSummary>>(service =>
            service.ListAsync(tenantId, CancellationToken.None));
    }

    private static string DetailHref(TelemetryConnectionSummary connection) => $"telemetry/{connection.Id:D}";

    private string EndpointOf(TelemetryConnectionSummary connection) => TelemetrySetupSnippets.Endpoint(baseUrl, connection.EndpointPath);

    private async Task CreateAsync()
    {
        if (await TelemetryConnectionDialogs.CreateAsync(Dialogs) is not { } created)
            return;
        await LoadAsync();
        StateHasChanged();
        await TelemetryConnectionDialogs.ShowSetupAsync(Dialogs, $"Connection \"{created.Connection.Name}\" created: copy the key now",
            TelemetrySetupSnippets.Endpoint(baseUrl, created.EndpointPath), created.Connection.Source, created.FullKey);
    }

    private Task ShowSetupAsync(TelemetryConnectionSummary connection) =>
        TelemetryConnectionDialogs.ShowSetupAsync(Dialogs, $"Setup for {connection.Name}", EndpointOf(connection), connection.Source, fullKey: null);
}
