using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Tenancy;

/// <summary>
/// Through the real services, a caller scoped to tenant A can neither read nor change tenant B's keys, budgets, alerts,
/// report schedules, runs and files, usage or chargeback: B's things are "not found" and B's spend is in none of A's totals.
/// </summary>
public abstract class TenantIsolationScenarios(DatabaseKind database) : IAsyncLifetime
{
    private static readonly DateTimeOffset March2 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private PricingTestHost host = null!;
    private Tenant tenantA = null!;
    private Tenant tenantB = null!;
    private TenantScope scopeA;

    public async Task InitializeAsync()
    {
        host = await PricingTestHost.StartAsync(database);
        tenantA = await host.AddTenantAsync("iso-a");
        tenantB = await host.AddTenantAsync("iso-b");
        scopeA = TenantScope.Of(tenantA.Id);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [DatabaseFact]
    public async Task Keys_OfTenantB_NotFoundAndUnchangedForTenantA()
    {
        var keyB = await Use<ApiKeyService, CreatedApiKey>(s => s.CreateAsync(tenantB.Id, "b-key", new KeyPolicy(), "b-admin", default));
        var id = keyB.Key.Id;
        var notFound = $"No API key with id '{id}'.";

        Assert.Equal(notFound, (await RefusedAsync<ApiKeyService, ApiKey>(s => s.FindAsync(id, scopeA, default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<ApiKeyService, ApiKey>(s => s.SetStatusAsync(id, scopeA, ApiKeyStatus.Disabled, "a-admin", default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<ApiKeyService, CreatedApiKey>(s => s.RotateAsync(id, scopeA, "a-admin", default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<ApiKeyService, ApiKey>(s => s.UpdateAsync(id, scopeA, "taken", new KeyPolicy(), null, "a-admin", default))).Message);

        await using var db = await host.CreateContextAsync();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
        Assert.Equal((ApiKeyStatus.Active, "b-key", keyB.Key.SecretHash, (DateTimeOffset?)null), (stored.Status, stored.Name, stored.SecretHash, stored.RotatedAt));
    }

    [DatabaseFact]
    public async Task Budgets_OfTenantB_NotListedNotFoundAndUnchangedForTenantA()
    {
        await Use<BudgetService, Budget>(s => s.CreateAsync(tenantA.Id, Definition("a-budget"), "a-admin", default));
        var budgetB = await Use<BudgetService, Budget>(s => s.CreateAsync(tenantB.Id, Definition("b-budget"), "b-admin", default));
        var notFound = $"No budget with id '{budgetB.Id}'.";

        Assert.Equal(notFound, (await RefusedAsync<BudgetService, Budget>(s => s.FindAsync(budgetB.Id, scopeA, default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<BudgetService, Budget>(s => s.UpdateAsync(budgetB.Id, scopeA, Definition("stolen"), "a-admin", default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<BudgetService, Budget>(s => s.SetPausedAsync(budgetB.Id, scopeA, true, "a-admin", default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<BudgetService, Budget>(s => s.DeleteAsync(budgetB.Id, scopeA, "a-admin", default))).Message);

        await using var db = await host.CreateContextAsync();
        var listedForA = await BudgetStatusQuery.ListAsync(db, scopeA, host.Clock.GetUtcNow(), default);
        var listedForAll = await BudgetStatusQuery.ListAsync(db, TenantScope.AllTenants, host.Clock.GetUtcNow(), default);
        var stored = await db.Budgets.AsNoTracking().SingleAsync(b => b.Id == budgetB.Id);
        Assert.Equal(["a-budget"], listedForA.Select(s => s.Budget.Name));
        Assert.Equal(["a-budget", "b-budget"], listedForAll.Select(s => s.Budget.Name));
        Assert.Equal(("b-budget", false), (stored.Name, stored.Paused));
    }

    [DatabaseFact]
    public async Task Alerts_OfTenantB_NotListedAndNotAcknowledgedForTenantA()
    {
        Guid alertB;
        await using (var db = await host.CreateContextAsync())
        {
            var a = Alert(tenantA.Id, "a-budget");
            var b = Alert(tenantB.Id, "b-budget");
            db.AlertEvents.AddRange(a, b);
            await db.SaveChangesAsync();
            alertB = b.Id;
        }

        var error = await RefusedAsync<AlertService, AlertEvent>(s => s.AcknowledgeAsync(alertB, scopeA, "a-admin", default));

        await using var check = await host.CreateContextAsync();
        var page = await AlertQueries.PageAsync(check, scopeA, null, 0, 50, default);
        var stored = await check.AlertEvents.AsNoTracking().SingleAsync(a => a.Id == alertB);
        Assert.Equal($"No alert with id '{alertB}'.", error.Message);
        Assert.Equal((1, "a-budget"), (page.TotalCount, Assert.Single(page.Alerts).BudgetName));
        Assert.Equal(((DateTimeOffset?)null, (string?)null), (stored.AcknowledgedAt, stored.AcknowledgedBy));
    }

    [DatabaseFact]
    public async Task Reports_OfTenantB_NotListedNotFoundNotDeletedAndTheirFilesUnreadableForTenantA()
    {
        var scheduleB = await Use<ReportScheduleService, ReportSchedule>(s =>
            s.CreateAsync(new ReportScheduleRequest(tenantB.Id, "b-report", ReportFrequency.Monthly, "model", "csv", []), "b-admin", default));
        var runB = await AddRunWithFileAsync(scheduleB);
        var notFound = $"No report schedule with id '{scheduleB.Id}'.";
        var change = new ReportScheduleRequest(tenantA.Id, "stolen", ReportFrequency.Weekly, "model", "csv", []);

        Assert.Equal(notFound, (await RefusedAsync<ReportScheduleService, ReportSchedule>(s => s.FindAsync(scheduleB.Id, scopeA, default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<ReportScheduleService, ReportSchedule>(s => s.UpdateAsync(scheduleB.Id, scopeA, change, "a-admin", default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<ReportScheduleService, ReportSchedule>(s => s.SetEnabledAsync(scheduleB.Id, scopeA, false, "a-admin", default))).Message);
        Assert.Equal(notFound, (await RefusedAsync<ReportScheduleService, ReportRunOutcome>(s => s.RunAsync(scheduleB.Id, scopeA, null, true, "a-admin", default))).Message);
        Assert.False(await Use<ReportScheduleService, bool>(s => s.DeleteAsync(scheduleB.Id, scopeA, "a-admin", default)));
        Assert.Empty(await Use<ReportScheduleService, List<ReportSchedule>>(s => s.ListAsync(scopeA, default)));
        Assert.Empty(await Use<ReportScheduleService, List<ReportRunSummary>>(s => s.RunsAsync(scopeA, default)));
        Assert.Null(await Use<ReportScheduleService, ReportFile?>(s => s.FileAsync(runB, null, scopeA, default)));

        Assert.NotNull(await Use<ReportScheduleService, ReportFile?>(s => s.FileAsync(runB, null, TenantScope.Of(tenantB.Id), default)));
        var stored = await Use<ReportScheduleService, ReportSchedule>(s => s.FindAsync(scheduleB.Id, TenantScope.Of(tenantB.Id), default));
        Assert.Equal(("b-report", true), (stored.Name, stored.Enabled));
    }

    [DatabaseFact]
    public async Task UsageAndChargeback_OfTenantB_InNoneOfTenantATotals()
    {
        // A: two priced calls, 1.25 + 0.50 = 1.75 USD. B: one priced call of 40 USD and one unpriced model.
        await host.AddRecordAsync(tenantA.Id, "openai", "gpt-a", March2, Priced(1.25m));
        await host.AddRecordAsync(tenantA.Id, "openai", "gpt-a", March2.AddHours(1), Priced(0.50m));
        await host.AddRecordAsync(tenantB.Id, "openai", "gpt-b", March2, Priced(40m));
        await host.AddRecordAsync(tenantB.Id, "openai", "b-secret-model", March2, r => r.PricingStatus = PricingStatus.Unpriced);
        var march = ChargebackPeriod.Month(TenantCalendar.Utc, 2026, 3);

        await using var db = await host.CreateContextAsync();
        var summary = await UsageQueries.SummarizeAsync(db, new UsageFilter { Scope = scopeA, From = march.From, To = march.To }, new UsageGrouping(UsageGroupingKind.Model), default);
        var chargeback = await ChargebackQuery.RunAsync(db, new ChargebackRequest(scopeA, march, [new ChargebackKey(ChargebackKeyKind.Model)]), TenantCalendar.Utc, default);
        var corrections = await EarlierCorrections.GetAsync(db, scopeA, march, default);
        var unpriced = await Use<PriceService, IReadOnlyList<UnpricedModel>>(s => s.ListUnpricedModelsAsync(scopeA, default));
        var everyone = await UsageQueries.SummarizeAsync(db, new UsageFilter { Scope = TenantScope.AllTenants, From = march.From, To = march.To }, new UsageGrouping(UsageGroupingKind.Model), default);

        var row = Assert.Single(summary);
        Assert.Equal(("gpt-a", 2, 1.75m), (row.Key, row.Requests, row.CostUsd));
        Assert.Equal(1.75m, chargeback.Total.CostUsd);
        Assert.Equal(["gpt-a"], chargeback.Rows.Select(r => r.Values[0]));
        Assert.Equal(0, corrections.Calls);
        Assert.Empty(unpriced);
        Assert.Equal(41.75m, everyone.Sum(r => r.CostUsd));
    }

    [DatabaseFact]
    public async Task Queries_ScopeNeverChosen_ThrowRatherThanReadEveryTenant()
    {
        await host.AddRecordAsync(tenantB.Id, "openai", "gpt-b", March2, Priced(40m));
        await using var db = await host.CreateContextAsync();

        var usage = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            UsageQueries.SummarizeAsync(db, new UsageFilter { From = March2.AddDays(-1) }, new UsageGrouping(UsageGroupingKind.Model), default));
        var budgets = await Assert.ThrowsAsync<InvalidOperationException>(() => BudgetStatusQuery.ListAsync(db, default, host.Clock.GetUtcNow(), default));
        var alerts = await Assert.ThrowsAsync<InvalidOperationException>(() => AlertQueries.PageAsync(db, default, null, 0, 10, default));

        Assert.All(new[] { usage, budgets, alerts }, e => Assert.StartsWith("A tenant scope was used without being chosen", e.Message));
    }

    private static Action<UsageRecord> Priced(decimal cost) => r =>
    {
        r.CostUsd = cost;
        r.CostSource = CostSource.Catalog;
        r.PricingStatus = PricingStatus.Priced;
    };

    private AlertEvent Alert(Guid tenant, string budget) => new()
    {
        TenantId = tenant, BudgetName = budget, Kind = AlertKind.Threshold, ThresholdPercent = 80, RaisedAt = host.Clock.GetUtcNow(),
    };

    private static BudgetDefinition Definition(string name) =>
        new(name, 100m, BudgetPeriodKind.Month, null, BudgetScopeTerms.Parse([]), Budget.DefaultThresholds, BudgetAction.AlertOnly, []);

    private async Task<Guid> AddRunWithFileAsync(ReportSchedule schedule)
    {
        await using var db = await host.CreateContextAsync();
        var run = new ReportRun
        {
            ScheduleId = schedule.Id, TenantId = schedule.TenantId, ScheduleName = schedule.Name, Status = ReportRunStatus.Succeeded,
            PeriodStart = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), PeriodEnd = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            FirstDay = new DateOnly(2026, 2, 1), EndDay = new DateOnly(2026, 3, 1), CreatedAt = host.Clock.GetUtcNow(),
        };
        run.Files.Add(new ReportFile { Format = "csv", FileName = "b.csv", ContentType = "text/csv", Content = "b-secret"u8.ToArray() });
        db.ReportRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private Task<TResult> Use<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull =>
        host.InScopeAsync(s => action(s.GetRequiredService<TService>()));

    private Task<DomainException> RefusedAsync<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull =>
        Assert.ThrowsAsync<DomainException>(() => Use(action));

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : TenantIsolationScenarios(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : TenantIsolationScenarios(DatabaseKind.Postgres);
}
