using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Alerts;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback.Reports;

/// <summary>
/// The scheduled report job against the hand-worked November of <see cref="ChargebackSeed"/>, its tenant moved to
/// America/New_York: November there runs from 1 November 04:00 UTC to 1 December 05:00 UTC, so cb-4 (1 November 00:00 UTC)
/// falls in October and cb-10 (1 December 00:00 UTC, $9.00) in November: 4.29 − 0.30 + 9.00 = $12.99, of which backend
/// 0.54 + 2.00 + 9.00 = $11.54. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class ReportJobScenarios : IAsyncLifetime
{
    protected const decimal NewYorkTotal = 12.99m, NewYorkBackend = 11.54m;
    protected static readonly DateTimeOffset Created = new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected async Task Job_FirstOfMonthInTenantZone_ProducesLastMonthOnceAsync()
    {
        var clock = new ManualClock(Created);
        using var host = await AlertsTestHost.CreateAsync(Database, clock: clock);
        var seed = await SeedNewYorkAsync(host, "ny");
        await CreateScheduleAsync(host, seed.TenantId, "monthly-by-team", "csv,xlsx");

        // 23:30 on 30 November in New York: the month has not ended there.
        clock.Now = new DateTimeOffset(2026, 12, 1, 4, 30, 0, TimeSpan.Zero);
        Assert.Empty(await Producer(host).ProduceDueAsync(CancellationToken.None));

        clock.Now = new DateTimeOffset(2026, 12, 1, 5, 30, 0, TimeSpan.Zero);
        var run = Assert.Single(await Producer(host).ProduceDueAsync(CancellationToken.None));
        Assert.Empty(await Producer(host).ProduceDueAsync(CancellationToken.None));

        await using var db = await host.CreateContextAsync();
        var stored = await db.ReportRuns.Include(r => r.Files).SingleAsync();
        Assert.Equal(run.Id, stored.Id);
        Assert.True(stored.Status == ReportRunStatus.Succeeded, stored.Error);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)), (stored.FirstDay, stored.EndDay));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), stored.PeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), stored.PeriodEnd);
        Assert.Equal(NewYorkTotal, stored.TotalUsd);
        Assert.Equal(["csv", "xlsx"], stored.Files.Select(f => f.Format).Order());
        var csv = CsvTable.Parse(System.Text.Encoding.UTF8.GetString(stored.Files.Single(f => f.Format == "csv").Content));
        Assert.Equal(NewYorkBackend, FocusFileRules.Decimal(csv.Rows.Single(r => r["dim:team"] == "backend")["cost_usd"]));
        Assert.Equal(NewYorkTotal, FocusFileRules.Decimal(csv.Rows[^1]["cost_usd"]));
        Assert.Equal("monthly-by-team-2026-11-01-to-2026-11-30.xlsx", stored.Files.Single(f => f.Format == "xlsx").FileName);
        using var book = new MemoryStream(stored.Files.Single(f => f.Format == "xlsx").Content);
        Assert.Equal((double)NewYorkTotal, new XlsxReadBack(book).Table("Summary")[^1]["Cost USD"].Number!.Value, 9);
    }

    protected async Task Job_TwoInstancesRace_OneRunPerPeriodAsync()
    {
        var clock = new ManualClock(Created);
        using var first = await AlertsTestHost.CreateAsync(Database, clock: clock);
        using var second = await AlertsTestHost.CreateAsync(Database, clock: clock);
        var seed = await SeedNewYorkAsync(first, "race");
        await CreateScheduleAsync(first, seed.TenantId, "race-report", "focus");

        clock.Now = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        var runs = await Task.WhenAll(Producer(first).ProduceDueAsync(CancellationToken.None), Producer(second).ProduceDueAsync(CancellationToken.None));

        Assert.Equal(1, runs.Sum(r => r.Count));
        await using var db = await first.CreateContextAsync();
        var stored = await db.ReportRuns.Include(r => r.Files).SingleAsync();
        Assert.True(stored.Status == ReportRunStatus.Succeeded, stored.Error);
        var file = Assert.Single(stored.Files);
        var focus = CsvTable.Parse(System.Text.Encoding.UTF8.GetString(file.Content));
        FocusFileRules.AssertValid(focus);
        Assert.Equal(NewYorkTotal, focus.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));
    }

    protected async Task Invoice_TotalEqualsTheTeamsChargebackLineAsync()
    {
        using var host = await AlertsTestHost.CreateAsync(Database);
        var seed = await ChargebackSeed.CreateAsync(Contexts(host), "invoice");
        await using var db = await host.CreateContextAsync();
        var period = ChargebackPeriod.Month(SpendOps.Core.Usage.TenantCalendar.Utc, 2026, 11);
        var team = new ChargebackKey(ChargebackKeyKind.Dimension, "team");

        var invoice = await InvoiceQuery.RunAsync(db, seed.TenantId, SpendOps.Core.Usage.TenantCalendar.Utc, period, team, "backend", CancellationToken.None);
        var chargeback = await ChargebackQuery.RunAsync(db, new ChargebackRequest(TenantScope.Of(seed.TenantId), period, [team]), SpendOps.Core.Usage.TenantCalendar.Utc, CancellationToken.None);

        Assert.Equal(ChargebackSeed.Backend, invoice.Total.CostUsd);
        Assert.Equal(chargeback.Rows.Single(r => r.Values[0] == "backend").Amounts.CostUsd, invoice.Total.CostUsd);
        Assert.Equal(["claude-sonnet-4-5-20250929", "gpt-4.1"], invoice.Lines.Select(l => l.Model).Order(StringComparer.Ordinal));
        Assert.Equal(2.00m, invoice.Lines.Single(l => l.Model == "claude-sonnet-4-5-20250929").Amounts.CostUsd);
    }

    protected async Task Job_AbandonedRunAndExpiredRun_ReproducedAndDeletedAsync()
    {
        var clock = new ManualClock(Created);
        using var host = await AlertsTestHost.CreateAsync(Database, clock: clock);
        var seed = await SeedNewYorkAsync(host, "stale");
        var schedule = await CreateScheduleAsync(host, seed.TenantId, "stale-report", "csv");
        var november = new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero);
        await using (var db = await host.CreateContextAsync())
        {
            // An instance claimed November at 05:10 and stopped; a run of a period that ended 500 days ago.
            db.ReportRuns.Add(Run(schedule, november, new DateTimeOffset(2026, 12, 1, 5, 10, 0, TimeSpan.Zero)));
            var expired = Run(schedule, november.AddDays(-530), november.AddDays(-499));
            expired.Status = ReportRunStatus.Succeeded;
            db.ReportRuns.Add(expired);
            await db.SaveChangesAsync();
        }

        clock.Now = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        Assert.Empty(await Producer(host).ProduceDueAsync(CancellationToken.None));
        clock.Now = new DateTimeOffset(2026, 12, 1, 7, 30, 0, TimeSpan.Zero);
        var run = Assert.Single(await Producer(host).ProduceDueAsync(CancellationToken.None));
        Assert.Equal(1, await Producer(host).DeleteExpiredAsync(CancellationToken.None));

        await using var check = await host.CreateContextAsync();
        var stored = await check.ReportRuns.SingleAsync();
        Assert.Equal((run.Id, ReportRunStatus.Succeeded, NewYorkTotal), (stored.Id, stored.Status, stored.TotalUsd));
    }

    private static ReportRun Run(ReportSchedule schedule, DateTimeOffset start, DateTimeOffset created) => new()
    {
        ScheduleId = schedule.Id, TenantId = schedule.TenantId, ScheduleName = schedule.Name, Status = ReportRunStatus.Running,
        PeriodStart = start, PeriodEnd = start.AddDays(30), FirstDay = DateOnly.FromDateTime(start.UtcDateTime), EndDay = DateOnly.FromDateTime(start.UtcDateTime).AddDays(30),
        CreatedAt = created,
    };

    internal static ReportProducer Producer(AlertsTestHost host) => host.Services.GetRequiredService<ReportProducer>();

    internal static Func<SpendOpsDbContext> Contexts(AlertsTestHost host) =>
        host.Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext;

    internal static async Task<ChargebackSeed> SeedNewYorkAsync(AlertsTestHost host, string tenant)
    {
        var seed = await ChargebackSeed.CreateAsync(Contexts(host), tenant);
        await using var db = await host.CreateContextAsync();
        await db.Tenants.Where(t => t.Id == seed.TenantId).ExecuteUpdateAsync(u => u.SetProperty(t => t.TimeZone, "America/New_York"));
        return seed;
    }

    internal static async Task<ReportSchedule> CreateScheduleAsync(AlertsTestHost host, Guid tenantId, string name, string formats, params string[] emails)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportScheduleService>().CreateAsync(
            new ReportScheduleRequest(tenantId, name, ReportFrequency.Monthly, "dim:team", formats, emails), "test", CancellationToken.None);
    }

    internal static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
