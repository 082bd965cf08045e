using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;
using SpendOps.Web.Components.Shared;

namespace SpendOps.Web.Components.Pages.Telemetry;

/// <summary>
/// One connection of the signed-in user's tenant with its keys and recent raw batches, read from the database one page
/// at a time (the grid's ServerData). A connection of another tenant, or an unknown id, shows "not found".
/// </summary>
public sealed partial class TelemetryConnectionDetail
{
    private const int PageSize = 25;

    private readonly Func<GridState<TelemetryBatchListItem>, CancellationToken, Task<GridData<TelemetryBatchListItem>>> load;
    private MudDataGrid<TelemetryBatchListItem> grid = null!;
    private Guid tenantId;
    private TenantCalendar? calendar;
    private DateTimeOffset now;
    private bool loaded;
    private TelemetryConnectionSummary? connection;
    private string endpoint = "";
    private int retentionDays;
    private int count;

    // One delegate for the page's lifetime: the page re-renders after every load (the pager's count), and the grid
    // must not see a new ServerData parameter each time.
    public TelemetryConnectionDetail() => load = LoadBatchesAsync;

    [Parameter]
    public Guid Id { get; set; }

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
    private IOptions<TelemetryIngestOptions> TelemetryOptions { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    private int PageCount => Math.Max(1, (count + PageSize - 1) / PageSize);

    // Navigating to another connection's id renders Loading first, so its grid is a new one that starts at page one.
    protected override async Task OnParametersSetAsync()
    {
        loaded = false;
        tenantId = await Tenant.GetTenantIdAsync();
        retentionDays = TelemetryOptions.Value.RawBatchRetentionDays;
        await using (var db = await Contexts.CreateDbContextAsync())
            calendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        await LoadConnectionAsync();
        loaded = true;
    }

    /// <summary>The connection if it belongs to the user's tenant; the list is filtered by tenant, so another tenant's id finds nothing.</summary>
    private async Task LoadConnectionAsync()
    {
        now = Clock.GetUtcNow();
        var all = await Scopes.RunAsync<TelemetryConnectionService, IReadOnlyList<TelemetryConnectionSummary>>(service =>
            service.ListAsync(tenantId, CancellationToken.None));
        connection = all.FirstOrDefault(c => c.Id == Id);
        endpoint = connection is null ? "" : TelemetrySetupSnippets.Endpoint(PublicBaseUrl.Resolve(Configuration, Navigation.BaseUri), connection.EndpointPath);
    }

    private async Task<GridData<TelemetryBatchListItem>> LoadBatchesAsync(GridState<TelemetryBatchListItem> state, CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var page = await TelemetryBatchQueries.PageAsync(db, tenantId, Id, state.Page * state.PageSize, state.PageSize, cancellationToken);
        count = page.TotalCount;
        StateHasChanged();
        return new GridData<TelemetryBatchListItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task ShowSetupAsync() =>
        TelemetryConnectionDialogs.ShowSetupAsync(Dialogs, $"Setup for {connection!.Name}", endpoint, connection.Source, fullKey: null);

    private Task ShowBodyAsync(TelemetryBatchListItem batch) =>
        TelemetryConnectionDialogs.ShowBatchBodyAsync(Dialogs, $"Batch received {UsageDisplay.Time(batch.ReceivedAt, calendar!)}", Id, batch.Id);
}
