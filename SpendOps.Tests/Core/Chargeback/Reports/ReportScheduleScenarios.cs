using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Tenancy;
using SpendOps.Core;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Tests.Core.Alerts;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback.Reports;

/// <summary>
/// Managing a schedule (edit, disable, enable) and producing a period on demand, against the New York November of
/// <see cref="ReportJobScenarios"/> ($12.99). Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class ReportScheduleScenarios : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NovemberStart = new(2026, 11, 1, 4, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondDecember = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    protected async Task RunOnDemand_FailedRetried_SucceededReplacedOnlyWhenAskedAsync()
    {
        var clock = new ManualClock(Created);
        using var host = await AlertsTestHost.CreateAsync(Database, clock: clock);
        var seed = await ReportJobScenarios.SeedNewYorkAsync(host, "on-demand");
        var schedule = await ReportJobScenarios.CreateScheduleAsync(host, seed.TenantId, "on-demand", "csv");
        var failed = new ReportRun
        {
            ScheduleId = schedule.Id, TenantId = seed.TenantId, ScheduleName = schedule.Name, Status = ReportRunStatus.Failed, Error = "disk full",
            PeriodStart = NovemberStart, PeriodEnd = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero),
            FirstDay = new DateOnly(2026, 11, 1), EndDay = new DateOnly(2026, 12, 1), CreatedAt = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero),
        };
        await using (var db = await host.CreateContextAsync())
        {
            db.ReportRuns.Add(failed);
            await db.SaveChangesAsync();
        }
        clock.Now = SecondDecember;

        var retried = await RunAsync(host, schedule, seed.TenantId, "2026-11", replace: false);
        var again = await RunAsync(host, schedule, seed.TenantId, "2026-11", replace: false);
        var replaced = await RunAsync(host, schedule, seed.TenantId, null, replace: true);
        var notEnded = await Assert.ThrowsAsync<DomainException>(() => RunAsync(host, schedule, seed.TenantId, "2026-12", replace: false));

        Assert.Equal((ReportRunStatus.Succeeded, ReportRunStatus.Failed, NewYorkTotal), (retried.Run!.Status, retried.Replaced, retried.Run.TotalUsd));
        Assert.Null(again.Run);
        Assert.Equal(retried.Run.Id, again.AlreadyProduced!.Id);
        Assert.Equal((ReportRunStatus.Succeeded, ReportRunStatus.Succeeded), (replaced.Run!.Status, replaced.Replaced));
        Assert.Equal("The period 2026-12-01 to 2026-12-31 has not ended yet.", notEnded.Message);
        await using var check = await host.CreateContextAsync();
        var stored = await check.ReportRuns.Include(r => r.Files).SingleAsync();
        Assert.Equal((replaced.Run.Id, NovemberStart, NewYorkTotal), (stored.Id, stored.PeriodStart, stored.TotalUsd));
        Assert.Equal("on-demand-2026-11-01-to-2026-11-30.csv", Assert.Single(stored.Files).FileName);
        var audit = await check.AuditEntries.AsNoTracking().Where(a => a.TenantId == seed.TenantId && a.Action.StartsWith("report_schedule.")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["report_schedule.created", "report_schedule.rerun", "report_schedule.rerun"], audit.Select(a => a.Action));
        Assert.Equal("on-demand 2026-11-01 to 2026-11-30: succeeded, replacing a failed run", audit[1].Details);
        Assert.Equal(("admin@example.com", schedule.Id.ToString()), (audit[2].Actor, audit[2].EntityId));
    }

    protected async Task UpdateDisableEnable_SavedAuditedAndTheJobSkipsDisabledAsync()
    {
        var clock = new ManualClock(Created);
        using var host = await AlertsTestHost.CreateAsync(Database, clock: clock);
        var seed = await ReportJobScenarios.SeedNewYorkAsync(host, "managed");
        var schedule = await ReportJobScenarios.CreateScheduleAsync(host, seed.TenantId, "managed", "csv");
        await ReportJobScenarios.CreateScheduleAsync(host, seed.TenantId, "taken", "csv");

        await UseAsync(host, s => s.UpdateAsync(schedule.Id, TenantScope.Of(seed.TenantId),
            new ReportScheduleRequest(seed.TenantId, " finance by model ", ReportFrequency.Monthly, "model", "xlsx,focus", ["cfo@example.com"]), "admin@example.com", CancellationToken.None));
        var taken = await Assert.ThrowsAsync<DomainException>(() => UseAsync(host, s => s.UpdateAsync(schedule.Id, TenantScope.Of(seed.TenantId),
            new ReportScheduleRequest(seed.TenantId, "taken", ReportFrequency.Monthly, "model", "csv", []), "admin@example.com", CancellationToken.None)));
        var foreign = await Assert.ThrowsAsync<DomainException>(() => UseAsync(host, s => s.SetEnabledAsync(schedule.Id, TenantScope.Of(Guid.NewGuid()), false, "x", CancellationToken.None)));
        await UseAsync(host, s => s.SetEnabledAsync(schedule.Id, TenantScope.Of(seed.TenantId), false, "admin@example.com", CancellationToken.None));
        clock.Now = SecondDecember;
        var whileDisabled = await ReportJobScenarios.Producer(host).ProduceDueAsync(CancellationToken.None);
        await UseAsync(host, s => s.SetEnabledAsync(schedule.Id, TenantScope.Of(seed.TenantId), true, "admin@example.com", CancellationToken.None));
        var afterEnable = await ReportJobScenarios.Producer(host).ProduceDueAsync(CancellationToken.None);

        Assert.Equal("The tenant already has a report named 'taken'.", taken.Message);
        Assert.Equal($"No report schedule with id '{schedule.Id}'.", foreign.Message);
        Assert.Equal(["taken"], whileDisabled.Select(r => r.ScheduleName));
        var run = Assert.Single(afterEnable);
        await using var db = await host.CreateContextAsync();
        var stored = await db.ReportSchedules.SingleAsync(s => s.Id == schedule.Id);
        Assert.Equal(("finance by model", "model", "xlsx,focus", "cfo@example.com", true), (stored.Name, stored.GroupBy, stored.Formats, stored.EmailTo, stored.Enabled));
        Assert.Equal(("finance by model", ReportRunStatus.Succeeded, NewYorkTotal), (run.ScheduleName, run.Status, run.TotalUsd));
        Assert.Equal(["focus", "xlsx"], (await db.ReportFiles.Where(f => f.RunId == run.Id).Select(f => f.Format).ToListAsync()).Order());
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == schedule.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["report_schedule.created", "report_schedule.updated", "report_schedule.disabled", "report_schedule.enabled"], audit.Select(a => a.Action));
        Assert.Equal("finance by model: every month, by model, as xlsx,focus, to cfo@example.com", audit[1].Details);
    }

    private const decimal NewYorkTotal = 12.99m;

    private static Task<ReportRunOutcome> RunAsync(AlertsTestHost host, ReportSchedule schedule, Guid tenantId, string? period, bool replace) =>
        UseAsync(host, s => s.RunAsync(schedule.Id, TenantScope.Of(tenantId), period, replace, "admin@example.com", CancellationToken.None));

    private static async Task<T> UseAsync<T>(AlertsTestHost host, Func<ReportScheduleService, Task<T>> operation)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<ReportScheduleService>());
    }
}
