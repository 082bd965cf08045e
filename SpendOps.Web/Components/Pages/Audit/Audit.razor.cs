using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Audit;

/// <summary>The tenant's audit trail, read from the database one page at a time (the grid's ServerData), with filters.</summary>
public sealed partial class Audit
{
    private const int PageSize = 25;

    private readonly Func<GridState<AuditEntry>, CancellationToken, Task<GridData<AuditEntry>>> load;
    private MudDataGrid<AuditEntry> grid = null!;
    private IReadOnlyList<string> actions = [];
    private int count;
    private bool loadedOnce;
    private string? action;
    private DateTime? from;
    private DateTime? to;

    // One delegate for the page's lifetime: the page re-renders after every load (the count beside the filters), and the
    // grid must not see a new ServerData parameter each time.
    public Audit() => load = LoadAsync;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    private bool Filtered => action is not null || from is not null || to is not null;

    private int PageCount => Math.Max(1, (count + PageSize - 1) / PageSize);

    protected override async Task OnInitializedAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        actions = await AuditQueries.ActionsAsync(db, tenantId, CancellationToken.None);
    }

    private async Task<GridData<AuditEntry>> LoadAsync(GridState<AuditEntry> state, CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(await Tenant.GetTenantIdAsync())
        {
            Action = action,
            From = from is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f.Date, DateTimeKind.Utc)) : null,
            To = to is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.Date.AddDays(1), DateTimeKind.Utc)) : null,
        };
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var page = await AuditQueries.PageAsync(db, filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
        count = page.TotalCount;
        loadedOnce = true;
        StateHasChanged();
        return new GridData<AuditEntry> { Items = page.Entries, TotalItems = page.TotalCount };
    }

    private Task ActionChangedAsync(string? value)
    {
        action = value;
        return FilterChangedAsync();
    }

    private Task FromChangedAsync(DateTime? value)
    {
        from = value;
        return FilterChangedAsync();
    }

    private Task ToChangedAsync(DateTime? value)
    {
        to = value;
        return FilterChangedAsync();
    }

    private Task ClearAsync()
    {
        action = null;
        from = null;
        to = null;
        return FilterChangedAsync();
    }

    // A new filter starts again at its first page; moving to it loads it, staying on it needs a reload.
    private async Task FilterChangedAsync()
    {
        if (grid.CurrentPage == 0)
            await grid.ReloadServerData();
        else
            grid.NavigateTo(Page.First);
    }
}
