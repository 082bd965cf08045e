using Bunit;
using Microsoft.AspNetCore.Components;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Chargeback;
using InvoicePage = SpendOps.Web.Components.Pages.Reports.Invoice;
using ReportsPage = SpendOps.Web.Components.Pages.Reports.Reports;

namespace SpendOps.Tests.Web.Components.Pages.Reports;

/// <summary>The reports page (the tenant's schedules and runs, admins manage them) and the printable invoice.</summary>
public sealed class ReportsTests : PortalComponentTests
{
    public ReportsTests()
    {
        Services.AddLogging();
        Services.AddOptions();
        Services.AddSingleton<ReportMailer>();
        Services.AddSingleton<ReportProducer>();
        Services.AddScoped<ReportScheduleService>();
    }

    [Fact]
    public async Task Render_Finance_OwnSchedulesAndRunsWithDownloadLinksButNoCreate()
    {
        var runId = await SeedAsync();
        SignIn(Roles.Finance);
        RenderProviders();

        var page = Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Contains("finance-monthly", page.Markup));
        Assert.DoesNotContain("foreign-report", page.Markup);
        Assert.Contains("$4.29", page.Markup);
        var link = page.Find($"a[href='api/reports/runs/{runId}/files/xlsx']");
        Assert.Equal("finance-monthly-2026-11-01-to-2026-11-30.xlsx", link.TextContent.Trim());
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "New report" or "Delete");
    }

    [Fact]
    public async Task CreateDialog_Admin_SavesTheSchedule()
    {
        await SeedAsync();
        SignIn(Roles.Admin);
        var providers = RenderProviders();
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Contains("finance-monthly", page.Markup));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "New report").Click());
        providers.WaitForAssertion(() => Assert.Contains("Create report", providers.Markup));
        var inputs = providers.FindAll("input");
        await providers.InvokeAsync(() => inputs[0].Change("weekly-by-model"));
        await providers.InvokeAsync(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Create report").Click());

        page.WaitForAssertion(() => Assert.Contains("weekly-by-model", page.Markup));
        await using var db = CreateContext();
        var saved = db.ReportSchedules.Single(s => s.Name == "weekly-by-model");
        Assert.Equal((Tenant.Id, "dim:team,model", "xlsx"), (saved.TenantId, saved.GroupBy, saved.Formats));
    }

    [Fact]
    public async Task Invoice_TeamForNovember_TotalIsTheChargebackLine()
    {
        var seed = await ChargebackSeed.CreateAsync(CreateContext, "invoice-page");
        SignInTo(seed.TenantId, Roles.Finance);
        Services.GetRequiredService<NavigationManager>().NavigateTo("reports/invoice?period=2026-11&dim=team&value=backend");

        var page = Render<InvoicePage>();

        page.WaitForAssertion(() => Assert.Contains("AI spend: team backend", page.Markup));
        Assert.Equal("$2.54", page.Find(".invoice-total").TextContent.Trim());
        Assert.Contains("2026-11-01 to 2026-11-30", page.Markup);
        Assert.Contains("claude-sonnet-4-5-20250929", page.Markup);
    }

    [Fact]
    public void Invoice_BadPeriod_SaysWhatToGive()
    {
        SignIn(Roles.Finance);
        Services.GetRequiredService<NavigationManager>().NavigateTo("reports/invoice?period=November&dim=team&value=backend");

        var page = Render<InvoicePage>();

        page.WaitForAssertion(() => Assert.Contains("Give the month as period=YYYY-MM", page.Markup));
    }

    private async Task<Guid> SeedAsync()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using var db = CreateContext();
        db.Tenants.Add(other);
        var schedule = Schedule(Tenant.Id, "finance-monthly");
        var foreign = Schedule(other.Id, "foreign-report");
        db.ReportSchedules.AddRange(schedule, foreign);
        var run = new ReportRun
        {
            ScheduleId = schedule.Id, TenantId = Tenant.Id, ScheduleName = schedule.Name, Status = ReportRunStatus.Succeeded, TotalUsd = 4.29m,
            PeriodStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), PeriodEnd = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            FirstDay = new DateOnly(2026, 11, 1), EndDay = new DateOnly(2026, 12, 1), CreatedAt = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero),
        };
        db.ReportRuns.Add(run);
        db.ReportFiles.Add(new ReportFile { RunId = run.Id, Format = "xlsx", FileName = "finance-monthly-2026-11-01-to-2026-11-30.xlsx", ContentType = "application/x", Content = [1, 2, 3] });
        await db.SaveChangesAsync();
        return run.Id;
    }

    private static ReportSchedule Schedule(Guid tenantId, string name) => new()
    {
        TenantId = tenantId, Name = name, Frequency = ReportFrequency.Monthly, GroupBy = "dim:team", Formats = "xlsx", CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
