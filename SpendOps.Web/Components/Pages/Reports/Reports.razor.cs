using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SpendOps.Core;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Pages.Budgets;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Reports;

/// <summary>
/// The tenant's report schedules and run history; admins create, edit, disable, enable and delete schedules, produce a
/// period now, retry a failed run and (after a confirmation) produce a succeeded one again.
/// </summary>
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
        var tenantScope = await Tenant.GetScopeAsync();
        schedules = await Scopes.RunAsync<ReportScheduleService, List<ReportSchedule>>(s => s.ListAsync(tenantScope, CancellationToken.None));
        runs = await Scopes.RunAsync<ReportScheduleService, List<ReportRunSummary>>(s => s.RunsAsync(tenantScope, CancellationToken.None));
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

    private async Task EditAsync(ReportSchedule schedule)
    {
        var dialog = await Dialogs.ShowAsync<ReportScheduleDialog>($"Edit report {schedule.Name}",
            new DialogParameters<ReportScheduleDialog> { { d => d.Schedule, schedule } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: ReportSchedule saved })
        {
            Snackbar.Add($"Report '{saved.Name}' saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SetEnabledAsync(ReportSchedule schedule, bool enabled)
    {
        if (!await BudgetAccess.CanManageAsync(Tenant))
        {
            Snackbar.Add("Only admins can change reports.", Severity.Error);
            return;
        }
        var tenantScope = await Tenant.GetScopeAsync();
        var actor = await Tenant.GetActorAsync();
        try
        {
            await Scopes.RunAsync<ReportScheduleService, ReportSchedule>(s => s.SetEnabledAsync(schedule.Id, tenantScope, enabled, actor, CancellationToken.None));
            Snackbar.Add($"Report '{schedule.Name}' {(enabled ? "enabled" : "disabled")}.", Severity.Success);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        await LoadAsync();
    }

    private async Task RunNowAsync(ReportSchedule schedule)
    {
        var dialog = await Dialogs.ShowAsync<ReportRunDialog>($"Run report {schedule.Name}",
            new DialogParameters<ReportRunDialog> { { d => d.Schedule, schedule } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: ReportRun run })
            await ProducedAsync(run);
    }

    /// <summary>Retry of a failed run, straight away; a succeeded run is produced again only after a confirmation.</summary>
    private async Task RerunAsync(ReportRun previous)
    {
        if (!await BudgetAccess.CanManageAsync(Tenant))
        {
            Snackbar.Add("Only admins can run reports.", Severity.Error);
            return;
        }
        var replace = previous.Status == ReportRunStatus.Succeeded;
        if (replace && await Dialogs.ShowMessageBoxAsync("Produce again",
                $"'{previous.ScheduleName}' for {Day(previous.FirstDay)} to {Day(previous.EndDay.AddDays(-1))} was already produced. Produce it again? Its files are replaced.",
                yesText: "Produce again", cancelText: "Cancel") != true)
            return;
        var schedule = schedules.First(s => s.Id == previous.ScheduleId);
        var period = schedule.Frequency == ReportFrequency.Monthly
            ? previous.FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : Day(previous.FirstDay);
        var tenantScope = await Tenant.GetScopeAsync();
        var actor = await Tenant.GetActorAsync();
        try
        {
            var outcome = await Scopes.RunAsync<ReportScheduleService, ReportRunOutcome>(s => s.RunAsync(schedule.Id, tenantScope, period, replace, actor, CancellationToken.None));
            if (outcome.Run is { } run)
                await ProducedAsync(run);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private async Task ProducedAsync(ReportRun run)
    {
        var what = $"'{run.ScheduleName}' for {Day(run.FirstDay)} to {Day(run.EndDay.AddDays(-1))}";
        if (run.Status == ReportRunStatus.Failed)
            Snackbar.Add($"Report {what} failed: {run.Error}", Severity.Error);
        else
            Snackbar.Add($"Report {what} produced.", Severity.Success);
        await LoadAsync();
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
        var tenantScope = await Tenant.GetScopeAsync();
        var actor = await Tenant.GetActorAsync();
        await Scopes.RunAsync<ReportScheduleService, bool>(s => s.DeleteAsync(schedule.Id, tenantScope, actor, CancellationToken.None));
        Snackbar.Add($"Report '{schedule.Name}' deleted.", Severity.Success);
        await LoadAsync();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => "$" + value.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
