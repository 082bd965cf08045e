using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Radzen;
using Radzen.Blazor;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Shared;
using SpendOps.Web.Portal;
using SpendOps.Web.Usage;

namespace SpendOps.Web.Components.Pages.Connections;

/// <summary>
/// One connection of the signed-in user's tenant with its keys and recent raw batches (paged in the database).
/// A connection of another tenant, or an unknown id, shows "not found".
/// </summary>
public sealed partial class ConnectionDetail : IDisposable
{
    private const int FirstPageSize = 25;
    private static readonly IEnumerable<int> pageSizes = [FirstPageSize, 50, 100];
    private readonly LatestQuery latest = new();
    private RadzenDataGrid<TelemetryBatchListItem>? grid;
    private Guid tenantId;
    private TenantCalendar? calendar;
    private DateTimeOffset now;
    private bool loaded;
    private TelemetryConnectionSummary? connection;
    private string endpoint = "";
    private int retentionDays;
    private IReadOnlyList<TelemetryBatchListItem>? batches;
    private int count;
    private bool loadingBatches = true;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private DialogService Dialogs { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private IConfiguration Configuration { get; set; } = null!;

    [Inject]
    private IOptions<TelemetryIngestOptions> TelemetryOptions { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        loaded = false;
        tenantId = await Tenant.GetTenantIdAsync();
        retentionDays = TelemetryOptions.Value.RawBatchRetentionDays;
        await using (var db = await Contexts.CreateDbContextAsync())
            calendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        await LoadConnectionAsync();
        // The first page is loaded here, not by the grid: the grid asks LoadData only once interactive, so the
        // prerendered page would show no batches until the circuit starts.
        if (connection is not null)
            await LoadBatchesAsync(new LoadDataArgs { Skip = 0, Top = FirstPageSize });
        loaded = true;
        // Another connection's page in the same component (navigated between ids): its grid starts at page one.
        if (grid is not null)
            await grid.FirstPage();
    }

    /// <summary>The connection if it belongs to the user's tenant; the list is filtered by tenant, so another tenant's id finds nothing.</summary>
    private async Task LoadConnectionAsync()
    {
        now = Clock.GetUtcNow();
        await using var scope = Scopes.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<TelemetryConnectionService>().ListAsync(tenantId, CancellationToken.None);
        connection = all.FirstOrDefault(c => c.Id == Id);
        endpoint = connection is null ? "" : TelemetrySetupSnippets.Endpoint(PublicBaseUrl.Resolve(Configuration, Navigation.BaseUri), connection.EndpointPath);
    }

    private async Task LoadBatchesAsync(LoadDataArgs args)
    {
        loadingBatches = true;
        var cancellationToken = latest.Start();
        try
        {
            await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
            var page = await TelemetryBatchQueries.PageAsync(db, tenantId, Id, args.Skip ?? 0, args.Top ?? FirstPageSize, cancellationToken);
            batches = page.Items;
            count = page.TotalCount;
            loadingBatches = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer page was asked for while this one loaded; its load resets the indicator.
        }
    }

    private Task ShowSetupAsync() =>
        ConnectionDialogs.ShowSetupAsync(Dialogs, $"Setup for {connection!.Name}", endpoint, connection.Source, fullKey: null);

    private Task ShowBodyAsync(TelemetryBatchListItem batch) =>
        Dialogs.OpenAsync<BatchBodyDialog>($"Batch received {UsageDisplay.Time(batch.ReceivedAt, calendar!)}", new Dictionary<string, object?>
        {
            [nameof(BatchBodyDialog.ConnectionId)] = Id,
            [nameof(BatchBodyDialog.BatchId)] = batch.Id,
        }, new DialogOptions { Width = "900px", CloseDialogOnEsc = true, CssClass = "connection-dialog" });

    public void Dispose() => latest.Dispose();
}
