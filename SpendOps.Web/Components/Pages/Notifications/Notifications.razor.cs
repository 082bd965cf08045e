using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Alerts;
using SpendOps.Core.Data;
using SpendOps.Web.Components.Shared;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Notifications;

/// <summary>The tenant's delivery log, one page at a time from the database (the grid's ServerData), and the test form.</summary>
public sealed partial class Notifications
{
    private const int PageSize = 25;

    private readonly Func<GridState<AlertDeliveryListItem>, CancellationToken, Task<GridData<AlertDeliveryListItem>>> load;
    private MudDataGrid<AlertDeliveryListItem> grid = null!;
    private AlertDeliveryStatus? status;
    private int count;
    private bool loadedOnce;

    // One delegate for the page's lifetime, so re-renders after each load do not hand the grid a new ServerData.
    public Notifications() => load = LoadAsync;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    private int PageCount => Math.Max(1, (count + PageSize - 1) / PageSize);

    private async Task<GridData<AlertDeliveryListItem>> LoadAsync(GridState<AlertDeliveryListItem> state, CancellationToken cancellationToken)
    {
        var filter = new AlertDeliveryFilter(await Tenant.GetTenantIdAsync(), status);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var page = await AlertDeliveryQueries.PageAsync(db, filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
        count = page.TotalCount;
        loadedOnce = true;
        StateHasChanged();
        return new GridData<AlertDeliveryListItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private static string Describe(AlertDeliveryListItem item) => item.Kind switch
    {
        AlertKind.Test => "Test notification",
        AlertKind.Forecast => $"{item.BudgetName}: forecast",
        _ => $"{item.BudgetName}: threshold",
    };

    private static string When(AlertDeliveryListItem item) => item.Status switch
    {
        AlertDeliveryStatus.Sent when item.SentAt is { } sent => "sent " + Timestamps.Format(sent),
        AlertDeliveryStatus.Pending => "next " + Timestamps.Format(item.NextAttemptAt),
        AlertDeliveryStatus.Sending => "sending now",
        _ => "",
    };

    private Task StatusChangedAsync(AlertDeliveryStatus? value)
    {
        status = value;
        return ReloadAsync();
    }

    // A new filter or a new delivery starts again at the first page; moving there loads it, staying there needs a reload.
    private async Task ReloadAsync()
    {
        if (grid.CurrentPage == 0)
            await grid.ReloadServerData();
        else
            grid.NavigateTo(Page.First);
    }
}
