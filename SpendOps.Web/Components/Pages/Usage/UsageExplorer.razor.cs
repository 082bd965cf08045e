using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Portal;
using SpendOps.Web.Usage;

namespace SpendOps.Web.Components.Pages.Usage;

/// <summary>
/// Every usage record of the tenant, filtered, sorted and paged in the database. The filter lives in the address
/// (<see cref="UsageQueryString"/>), so the dashboard's links, bookmarks and the export button show the same records.
/// </summary>
public sealed partial class UsageExplorer
{
    private static readonly int[] pageSizes = [25, 50, 100, UsagePageQuery.MaxPageSize];
    private readonly Func<GridState<UsageListItem>, CancellationToken, Task<GridData<UsageListItem>>> load;
    private MudDataGrid<UsageListItem>? grid;
    private Guid tenantId;
    private TenantCalendar? calendar;
    private DateOnly today;
    private UsageFilter filter = new();
    private IReadOnlyList<string> errors = [];
    private IReadOnlyDictionary<string, string> keys = new Dictionary<string, string>();
    private IReadOnlyList<string> dimensionNames = [];
    private IReadOnlyList<UsageListItem> items = [];
    private int count;
    private bool loadedOnce;

    // One delegate for the page's lifetime: the page re-renders after every load (the count above the grid), and the
    // grid must not see a new ServerData parameter each time.
    public UsageExplorer() => load = LoadAsync;

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
        // The calendar is set last: the page renders between these awaits, and the grid (which loads as soon as it is
        // rendered) must not appear before the filter is read.
        var tenantCalendar = await TenantCalendar.ForTenantAsync(db, tenantId, CancellationToken.None);
        keys = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).ToDictionaryAsync(k => k.Id, k => k.Name);
        filter = ReadAddress(tenantCalendar);
        dimensionNames = await UsageDimensionNamesQuery.GetAsync(db, new UsageFilter { Scope = TenantScope.Of(tenantId), From = filter.From, To = filter.To }, CancellationToken.None);
        today = tenantCalendar.DateOf(Clock.GetUtcNow());
        calendar = tenantCalendar;
        Navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>Reads the filter from the address (and what was wrong with it); without a period, this month in the tenant's zone.</summary>
    private UsageFilter ReadAddress(TenantCalendar tenantCalendar)
    {
        var query = UsageQueryString.Parse(Navigation.Uri);
        errors = query.Errors;
        var read = query.Filter with { Scope = TenantScope.Of(tenantId) };
        if (read.From is null || read.To is null)
        {
            var month = SpendPeriod.Resolve(SpendPeriodKind.ThisMonth, tenantCalendar, Clock.GetUtcNow());
            read = read with { From = read.From ?? month.From, To = read.To ?? month.To };
        }
        return read;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = Navigation.ToBaseRelativePath(e.Location).Split('?', '#')[0];
        if (path == "usage")
            _ = InvokeAsync(ReloadAsync);
    }

    private async Task ReloadAsync()
    {
        filter = ReadAddress(calendar!);
        StateHasChanged();
        // A new filter starts at its first page (keeping the sort); moving there loads it, staying there needs a reload.
        if (grid is null)
            return;
        if (grid.CurrentPage == 0)
            await grid.ReloadServerData();
        else
            grid.NavigateTo(Page.First);
    }

    private Task ApplyAsync(UsageFilter next)
    {
        Navigation.NavigateTo("usage" + UsageQueryString.Format(next));
        return Task.CompletedTask;
    }

    private async Task<GridData<UsageListItem>> LoadAsync(GridState<UsageListItem> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        try
        {
            await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
            var page = await UsagePageQuery.GetAsync(db, filter, SortOf(sort?.SortBy), sort?.Descending ?? true,
                state.Page * state.PageSize, state.PageSize, cancellationToken);
            items = page.Items;
            count = page.TotalCount;
            loadedOnce = true;
            StateHasChanged();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The grid asked for a newer page or filter while this one loaded; the newest answer is what it keeps.
        }
        return new GridData<UsageListItem> { Items = items, TotalItems = count };
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
    }
}
