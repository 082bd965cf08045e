using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.EntityFrameworkCore;
using Radzen;
using Radzen.Blazor;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Shared;
using SpendOps.Web.Portal;
using SpendOps.Web.Usage;

namespace SpendOps.Web.Components.Pages.Usage;

/// <summary>
/// Every usage record of the tenant, filtered, sorted and paged in the database. The filter lives in the address
/// (<see cref="UsageQueryString"/>), so the dashboard's links, bookmarks and the export button show the same records.
/// </summary>
public sealed partial class UsageExplorer
{
    private static readonly IEnumerable<int> pageSizes = [25, 50, 100, 200];
    private readonly LatestQuery latest = new();
    private RadzenDataGrid<UsageListItem>? grid;
    private Guid tenantId;
    private TenantCalendar? calendar;
    private DateOnly today;
    private UsageFilter filter = new();
    private IReadOnlyList<string> errors = [];
    private IReadOnlyDictionary<string, string> keys = new Dictionary<string, string>();
    private IReadOnlyList<string> dimensionNames = [];
    // Null until the first load: the grid only asks LoadData for the first page when it has no data yet.
    private IReadOnlyList<UsageListItem>? items;
    private int count;
    private bool loading = true;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        calendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        today = calendar.DateOf(Clock.GetUtcNow());
        keys = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).ToDictionaryAsync(k => k.Id, k => k.Name);
        ReadAddress();
        dimensionNames = await UsageDimensionNamesQuery.GetAsync(db, new UsageFilter { TenantId = tenantId, From = filter.From, To = filter.To }, CancellationToken.None);
        Navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>Reads the filter from the address; without a period, this month in the tenant's zone.</summary>
    private void ReadAddress()
    {
        var query = UsageQueryString.Parse(Navigation.Uri);
        errors = query.Errors;
        var read = query.Filter with { TenantId = tenantId };
        if (read.From is null || read.To is null)
        {
            var month = SpendPeriod.Resolve(SpendPeriodKind.ThisMonth, calendar!, Clock.GetUtcNow());
            read = read with { From = read.From ?? month.From, To = read.To ?? month.To };
        }
        filter = read;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = Navigation.ToBaseRelativePath(e.Location).Split('?', '#')[0];
        if (path == "usage")
            _ = InvokeAsync(ReloadAsync);
    }

    private async Task ReloadAsync()
    {
        ReadAddress();
        StateHasChanged();
        if (grid is not null)
            await grid.FirstPage(forceReload: true);
    }

    private Task ApplyAsync(UsageFilter next)
    {
        Navigation.NavigateTo("usage" + UsageQueryString.Format(next));
        return Task.CompletedTask;
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        loading = true;
        var cancellationToken = latest.Start();
        var sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null);
        try
        {
            await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
            var page = await UsagePageQuery.GetAsync(db, filter, SortOf(sort?.Property), sort?.SortOrder != SortOrder.Ascending,
                args.Skip ?? 0, args.Top ?? 50, cancellationToken);
            items = page.Items;
            count = page.TotalCount;
            loading = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer page or filter was asked for while this one loaded; its load resets the indicator.
        }
    }

    private static UsageSort SortOf(string? property) => property switch
    {
        nameof(UsageListItem.CostUsd) => UsageSort.Cost,
        nameof(UsageListItem.TotalTokens) => UsageSort.Tokens,
        nameof(UsageListItem.Provider) => UsageSort.Provider,
        nameof(UsageListItem.Model) => UsageSort.Model,
        nameof(UsageListItem.ApiKeyId) => UsageSort.Key,
        nameof(UsageListItem.StatusCode) => UsageSort.Status,
        _ => UsageSort.Time,
    };

    private string KeyName(string? keyId) =>
        keyId is null ? "—" : keys.TryGetValue(keyId, out var name) ? name : keyId;

    private string ExportLink(string format) => "api/usage/export" + UsageQueryString.Format(filter, ("format", format));

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        latest.Dispose();
    }
}
