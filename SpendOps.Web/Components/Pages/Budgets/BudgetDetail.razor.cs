using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Budgets;

/// <summary>One budget: its current period, settings, past periods and alerts. Budgets of other tenants are "not found".</summary>
public sealed partial class BudgetDetail
{
    private const int HistoryPeriods = 6;
    private const int AlertCount = 20;

    private BudgetStatus? status;
    private IReadOnlyList<BudgetPeriodSpend> history = [];
    private IReadOnlyList<AlertEvent> alerts = [];
    private bool loaded;
    private bool canManage;

    [Parameter]
    public Guid BudgetId { get; set; }

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IDbContextFactory<SpendOpsDbContext> Contexts { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    private List<BreadcrumbItem> Breadcrumbs => [new("Budgets", href: "budgets"), new(status?.Budget.Name ?? "Budget", href: null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        canManage = await BudgetAccess.CanManageAsync(Tenant);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        await using var db = await Contexts.CreateDbContextAsync();
        var budget = await db.Budgets.AsNoTracking().Include(b => b.Tenant).FirstOrDefaultAsync(b => b.Id == BudgetId && b.TenantId == tenantId);
        if (budget is not null)
        {
            var now = Clock.GetUtcNow();
            status = await BudgetStatusQuery.GetAsync(db, budget, now, CancellationToken.None);
            history = await BudgetStatusQuery.HistoryAsync(db, budget, now, HistoryPeriods, CancellationToken.None);
            alerts = (await AlertQueries.PageAsync(db, TenantScope.Of(tenantId), budget.Id, 0, AlertCount, CancellationToken.None)).Alerts;
        }
        else
        {
            status = null;
        }
        loaded = true;
    }
}
