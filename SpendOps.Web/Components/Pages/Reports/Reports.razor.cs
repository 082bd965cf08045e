using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Pages.Budgets;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Reports;

/// <summary>The tenant's report schedules and run history; admins create and delete schedules.</summary>
public sealed partial class Reports
{
    private List<ReportSchedule> schedules = [];
    private List<ReportRunSummary> runs = [];
    private bool canManage;
    private string lastMonth = "";

    [Inject]
    private TenantContext Tenant { get; set; } = null!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        canManage = await BudgetAccess.CanManageAsync(Tenant);
        var month = TenantCalendar.Utc.DateOf(Clock.GetUtcNow()).AddMonths(-1);
        lastMonth = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var tenantId = await Tenant.GetTenantIdAsync();
        schedules = await Scopes.RunAsync<ReportScheduleService, List<ReportSchedule>>(s => s.ListAsync(tenantId, CancellationToken.None));
        runs = await Scopes.RunAsync<ReportScheduleService, List<ReportRunSummary>>(s => s.RunsAsync(tenantId, CancellationToken.None));
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReportScheduleDialog>("New report",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: ReportSchedule created })
        {
            Snackbar.Add($"Report '{created.Name}' scheduled.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(ReportSchedule schedule)
    {
        if (!await BudgetAccess.CanManageAsync(Tenant))
        {
            Snackbar.Add("Only admins can delete reports.", Severity.Error);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete report", $"Delete '{schedule.Name}' with its run history and files?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        var tenantId = await Tenant.GetTenantIdAsync();
        await Scopes.RunAsync<ReportScheduleService, bool>(s => s.DeleteAsync(schedule.Id, tenantId, CancellationToken.None));
        Snackbar.Add($"Report '{schedule.Name}' deleted.", Severity.Success);
        await LoadAsync();
    }

    private static string Usd(decimal value) => "$" + value.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
