using Bunit;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Tenancy;
using ReportsPage = SpendOps.Web.Components.Pages.Reports.Reports;

namespace SpendOps.Tests.Web.Components.Pages.Reports;

/// <summary>
/// The reports page's schedule actions for admins: edit (the create dialog, filled in), disable and enable, run a period
/// now, retry a failed run, and produce a succeeded run again only after a confirmation. The tenant has no usage, so
/// every report produced totals $0.00.
/// </summary>
public sealed class ReportScheduleActionsTests : PortalComponentTests
{
    private const string Actor = "someone@spendops.test";

    public ReportScheduleActionsTests()
    {
        Services.AddLogging();
        Services.AddOptions();
        Services.AddSingleton<ReportMailer>();
        Services.AddSingleton<ReportProducer>();
        Services.AddScoped<ReportScheduleService>();
    }

    [Fact]
    public async Task Finance_SeesSchedulesAndRunsButNoActions()
    {
        await SeedAsync(ReportRunStatus.Failed);
        SignIn(Roles.Finance);
        RenderProviders();

        var page = Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Contains("finance-monthly", page.Markup));
        Assert.Contains("failed: disk full", page.Markup);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Edit" or "Run now" or "Disable" or "Retry" or "Run again");
    }

    [Fact]
    public async Task Edit_Admin_DialogFilledInAndChangesSaved()
    {
        var (schedule, _) = await SeedAsync(ReportRunStatus.Succeeded);
        var (page, providers) = RenderAsAdmin();

        await page.InvokeAsync(() => Button(page, $"Edit report {schedule.Name}").Click());
        providers.WaitForAssertion(() => Assert.Contains("Save changes", providers.Markup));
        var values = providers.FindAll("input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("finance-monthly", values);
        Assert.Contains("dim:team", values);
        Assert.Contains("cfo@example.com", values);
        await providers.InvokeAsync(() => providers.FindAll("input").First().Change("finance-by-model"));
        await providers.InvokeAsync(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Save changes").Click());

        page.WaitForAssertion(() => Assert.Contains("finance-by-model", page.Markup));
        await using var db = CreateContext();
        var saved = await db.ReportSchedules.SingleAsync(s => s.Id == schedule.Id);
        Assert.Equal(("finance-by-model", "dim:team", "xlsx", "cfo@example.com"), (saved.Name, saved.GroupBy, saved.Formats, saved.EmailTo));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "report_schedule.updated");
        Assert.Equal((Actor, schedule.Id.ToString()), (audit.Actor, audit.EntityId));
    }

    [Fact]
    public async Task DisableThenEnable_Admin_StatusShownAndStored()
    {
        var (schedule, _) = await SeedAsync(ReportRunStatus.Succeeded);
        var (page, _) = RenderAsAdmin();

        await page.InvokeAsync(() => Button(page, $"Disable report {schedule.Name}").Click());
        page.WaitForAssertion(() => Assert.Equal("disabled", page.Find("[aria-label='Report schedules'] tbody tr td:nth-child(2)").TextContent.Trim()));
        await using (var db = CreateContext())
            Assert.False((await db.ReportSchedules.SingleAsync(s => s.Id == schedule.Id)).Enabled);

        await page.InvokeAsync(() => Button(page, $"Enable report {schedule.Name}").Click());
        page.WaitForAssertion(() => Assert.Equal("enabled", page.Find("[aria-label='Report schedules'] tbody tr td:nth-child(2)").TextContent.Trim()));
        await using var check = CreateContext();
        Assert.True((await check.ReportSchedules.SingleAsync(s => s.Id == schedule.Id)).Enabled);
        Assert.Equal(["report_schedule.disabled", "report_schedule.enabled"], await check.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Retry_FailedRun_ReplacedBySucceededRun()
    {
        var (_, failed) = await SeedAsync(ReportRunStatus.Failed);
        var (page, _) = RenderAsAdmin();

        await page.InvokeAsync(() => Button(page, "Retry finance-monthly for 2026-11-01").Click());

        page.WaitForAssertion(() => Assert.Contains("finance-monthly-2026-11-01-to-2026-11-30.xlsx", page.Markup));
        Assert.DoesNotContain("disk full", page.Markup);
        await using var db = CreateContext();
        var run = await db.ReportRuns.SingleAsync();
        Assert.NotEqual(failed.Id, run.Id);
        Assert.Equal((ReportRunStatus.Succeeded, 0m), (run.Status, run.TotalUsd));
    }

    [Fact]
    public async Task RunAgain_SucceededRun_ProducedOnlyAfterConfirming()
    {
        var (_, succeeded) = await SeedAsync(ReportRunStatus.Succeeded);
        var (page, providers) = RenderAsAdmin();

        await page.InvokeAsync(() => Button(page, "Run again finance-monthly for 2026-11-01").Click());
        providers.WaitForAssertion(() => Assert.Contains("was already produced. Produce it again?", providers.Markup));
        await providers.InvokeAsync(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        await using (var db = CreateContext())
            Assert.Equal(succeeded.Id, (await db.ReportRuns.SingleAsync()).Id);

        await page.InvokeAsync(() => Button(page, "Run again finance-monthly for 2026-11-01").Click());
        providers.WaitForAssertion(() => Assert.Contains("was already produced. Produce it again?", providers.Markup));
        await providers.InvokeAsync(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Produce again").Click());

        page.WaitForAssertion(() => Assert.Contains("$0.00", page.Markup));
        await using var check = CreateContext();
        var run = await check.ReportRuns.SingleAsync();
        Assert.NotEqual(succeeded.Id, run.Id);
        Assert.Equal("report_schedule.rerun", (await check.AuditEntries.SingleAsync()).Action);
    }

    [Fact]
    public async Task RunNow_PastMonth_ProducedAndListed()
    {
        var (schedule, _) = await SeedAsync(ReportRunStatus.Succeeded);
        var (page, providers) = RenderAsAdmin();

        await page.InvokeAsync(() => Button(page, $"Run report {schedule.Name} now").Click());
        providers.WaitForAssertion(() => Assert.Contains("A month that has ended", providers.Markup));
        await providers.InvokeAsync(() => providers.Find("input").Change("2026-10"));
        await providers.InvokeAsync(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Produce").Click());

        page.WaitForAssertion(() => Assert.Contains("2026-10-01 to 2026-10-31", page.Markup));
        await using var db = CreateContext();
        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], await db.ReportRuns.OrderBy(r => r.FirstDay).Select(r => r.FirstDay).ToListAsync());
    }

    [Fact]
    public async Task RunNow_MonthAlreadyProduced_DialogAsksBeforeReplacing()
    {
        var (schedule, succeeded) = await SeedAsync(ReportRunStatus.Succeeded);
        var (page, providers) = RenderAsAdmin();

        await page.InvokeAsync(() => Button(page, $"Run report {schedule.Name} now").Click());
        providers.WaitForAssertion(() => Assert.Contains("A month that has ended", providers.Markup));
        await providers.InvokeAsync(() => providers.Find("input").Change("2026-11"));
        await providers.InvokeAsync(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Produce").Click());

        providers.WaitForAssertion(() => Assert.Contains("was already produced. Produce it again?", providers.Markup));
        await using (var db = CreateContext())
            Assert.Equal(succeeded.Id, (await db.ReportRuns.SingleAsync()).Id);
        await providers.InvokeAsync(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Produce again").Click());
        page.WaitForAssertion(() =>
        {
            using var db = CreateContext();
            Assert.NotEqual(succeeded.Id, db.ReportRuns.Single().Id);
        });
    }

    private (IRenderedComponent<ReportsPage> Page, IRenderedComponent<MudBlazor.MudDialogProvider> Providers) RenderAsAdmin()
    {
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Contains("finance-monthly", page.Markup));
        return (page, providers);
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<ReportsPage> page, string label)
    {
        var selector = $"button[aria-label='{label}']";
        page.WaitForAssertion(() => page.Find(selector));
        return page.Find(selector);
    }

    private async Task<(ReportSchedule Schedule, ReportRun Run)> SeedAsync(ReportRunStatus status)
    {
        await using var db = CreateContext();
        var schedule = new ReportSchedule
        {
            TenantId = Tenant.Id, Name = "finance-monthly", Frequency = ReportFrequency.Monthly, GroupBy = "dim:team", Formats = "xlsx", EmailTo = "cfo@example.com",
            CreatedAt = new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero),
        };
        db.ReportSchedules.Add(schedule);
        var run = new ReportRun
        {
            ScheduleId = schedule.Id, TenantId = Tenant.Id, ScheduleName = schedule.Name, Status = status, TotalUsd = 4.29m,
            Error = status == ReportRunStatus.Failed ? "disk full" : null,
            PeriodStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), PeriodEnd = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            FirstDay = new DateOnly(2026, 11, 1), EndDay = new DateOnly(2026, 12, 1), CreatedAt = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero),
        };
        db.ReportRuns.Add(run);
        await db.SaveChangesAsync();
        return (schedule, run);
    }
}
