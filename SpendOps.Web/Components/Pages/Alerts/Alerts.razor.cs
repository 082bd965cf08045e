using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Alerts;
using SpendOps.Core.Data;
using SpendOps.Web.Components.Pages.Budgets;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Alerts;

/// <summary>The tenant's alert history, read one page at a time (the grid's ServerData); admins acknowledge alerts.</summary>
public sealed partial class Alerts
{
    private const int PageSize = 25;

    private readonly Func<GridState<AlertEvent>, CancellationToken, Task<GridData<AlertEvent>>> load;
    private MudDataGrid<AlertEvent> grid = null!;
    private bool canManage;

    // One delegate for the page's lifetime, so the grid does not see a new ServerData parameter on every render.
    public Alerts() => load = LoadAsync;

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync() => canManage = await BudgetAccess.CanManageAsync(Tenant);

    private async Task<GridData<AlertEvent>> LoadAsync(GridState<AlertEvent> state, CancellationToken cancellationToken)
    {
        var scope = await Tenant.GetScopeAsync();
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var page = await AlertQueries.PageAsync(db, scope, null, state.Page * state.PageSize, state.PageSize, cancellationToken);
        return new GridData<AlertEvent> { Items = page.Alerts, TotalItems = page.TotalCount };
    }

    private async Task AcknowledgeAsync(AlertEvent alert)
    {
        if (!await BudgetAccess.CanManageAsync(Tenant))
        {
            Snackbar.Add("Only admins can acknowledge alerts.", Severity.Error);
            return;
        }
        var scope = await Tenant.GetScopeAsync();
        var actor = await Tenant.GetActorAsync();
        try
        {
            await Scopes.RunAsync<AlertService, AlertEvent>(alerts => alerts.AcknowledgeAsync(alert.Id, scope, actor, CancellationToken.None));
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            return;
        }
        Snackbar.Add("Alert acknowledged.", Severity.Success);
        await grid.ReloadServerData();
    }
}
