using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SpendOps.Core.Alerts;
using SpendOps.Core.Audit;
using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>Alert evaluation against a real database, run on SQLite and on PostgreSQL by the wrapping test classes.</summary>
public sealed class BudgetEvaluationScenarios(UsageDatabaseFixture fixture)
{
    /// <summary>
    /// A $100 month budget (50, 80, 100 %) in UTC, evaluated on 10 March at 12:00 (9.5 of 31 days gone, so the forecast
    /// is spend × 31 / 9.5): $20 owes nothing ($65.26 projected); $55 owes 50 % and the forecast ($179.47); again, nothing;
    /// $85 owes 80 %; $105 owes 100 %. On 2 April at 01:00 $60 owes April's 50 % (the forecast waits for the 3rd).
    /// </summary>
    public async Task EachThreshold_FiresOncePerPeriod_AndAgainInTheNext()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var (seed, budget) = await CreateBudgetAsync(clock, 100m);
        var evaluator = Evaluator(clock);

        await fixture.AddAsync(seed.Record("2026-03-01T08:00:00Z", 20m));
        Assert.Empty(await evaluator.EvaluateAsync(budget.Id, CancellationToken.None));

        await fixture.AddAsync(seed.Record("2026-03-09T08:00:00Z", 35m));
        Assert.Equal([(AlertKind.Threshold, 50), (AlertKind.Forecast, 100)], Kinds(await evaluator.EvaluateAsync(budget.Id, CancellationToken.None)));
        Assert.Empty(await evaluator.EvaluateAsync(budget.Id, CancellationToken.None));

        await fixture.AddAsync(seed.Record("2026-03-10T09:00:00Z", 30m));
        Assert.Equal([(AlertKind.Threshold, 80)], Kinds(await evaluator.EvaluateAsync(budget.Id, CancellationToken.None)));

        await fixture.AddAsync(seed.Record("2026-03-10T10:00:00Z", 20m));
        var hundred = Assert.Single(await evaluator.EvaluateAsync(budget.Id, CancellationToken.None));
        Assert.Equal((AlertKind.Threshold, 100, 105m, 100m), (hundred.Kind, hundred.ThresholdPercent, hundred.SpendUsd, hundred.AmountUsd));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), hundred.PeriodStart);
        Assert.Empty(await evaluator.EvaluateAsync(budget.Id, CancellationToken.None));

        clock.Now = new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero);
        await fixture.AddAsync(seed.Record("2026-04-01T09:00:00Z", 60m));
        var april = Assert.Single(await evaluator.EvaluateAsync(budget.Id, CancellationToken.None));
        Assert.Equal((AlertKind.Threshold, 50, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)), (april.Kind, april.ThresholdPercent, april.PeriodStart));

        await using var db = fixture.CreateContext();
        Assert.Equal(5, await db.AlertEvents.CountAsync(a => a.BudgetId == budget.Id));
    }

    /// <summary>Paused budgets are not evaluated; resumed, $9 of $10 owes 50 %, 80 % and the forecast ($29.37).</summary>
    public async Task PausedBudget_RaisesNothing()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var (seed, budget) = await CreateBudgetAsync(clock, 10m);
        await fixture.AddAsync(seed.Record("2026-03-10T08:00:00Z", 9m));
        await using (var db = fixture.CreateContext())
            await new BudgetService(db, new AuditLog(db, clock), clock).SetPausedAsync(budget.Id, TenantScope.Of(seed.TenantId), true, "test", CancellationToken.None);

        Assert.Empty(await Evaluator(clock).EvaluateAsync(budget.Id, CancellationToken.None));

        await using (var db = fixture.CreateContext())
            await new BudgetService(db, new AuditLog(db, clock), clock).SetPausedAsync(budget.Id, TenantScope.Of(seed.TenantId), false, "test", CancellationToken.None);
        Assert.Equal([(AlertKind.Threshold, 50), (AlertKind.Threshold, 80), (AlertKind.Forecast, 100)], Kinds(await Evaluator(clock).EvaluateAsync(budget.Id, CancellationToken.None)));
    }

    /// <summary>
    /// Two evaluators with their own contexts race over the same budgets, as two instances do; every alert is stored once
    /// and exactly one of them reports inserting it. $85 of $100 on 10 March owes 50 %, 80 % and the forecast.
    /// </summary>
    public async Task RacingEvaluations_RaiseEachAlertOnce()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var budgets = new List<Budget>();
        for (var i = 0; i < 4; i++)
        {
            var (seed, budget) = await CreateBudgetAsync(clock, 100m);
            await fixture.AddAsync(seed.Record("2026-03-05T08:00:00Z", 85m));
            budgets.Add(budget);
        }
        var first = Evaluator(clock);
        var second = Evaluator(clock);

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).SelectMany(_ => budgets.SelectMany(b => new[]
        {
            Task.Run(() => first.EvaluateAsync(b.Id, CancellationToken.None)),
            Task.Run(() => second.EvaluateAsync(b.Id, CancellationToken.None)),
        })));

        var ids = budgets.Select(b => (Guid?)b.Id).ToList();
        await using var db = fixture.CreateContext();
        var stored = await db.AlertEvents.Where(a => ids.Contains(a.BudgetId)).ToListAsync();
        Assert.Equal(12, stored.Count);
        Assert.Equal(12, runs.Sum(r => r.Count));
        Assert.All(budgets, b => Assert.Equal(
            [(AlertKind.Threshold, 50), (AlertKind.Threshold, 80), (AlertKind.Forecast, 100)],
            Kinds(stored.Where(a => a.BudgetId == b.Id).OrderBy(a => a.Kind).ThenBy(a => a.ThresholdPercent))));
    }

    /// <summary>
    /// Scope translated to SQL on this database: dimension alternatives, a case-insensitive model pattern with a literal
    /// '_' in it, and a source. $1.00 + $2.00 match; $4.00 (team=data), $8.00 (telemetry) and $16.00 (gptx4: the '_' of gpt_4 is
    /// not a wildcard) do not.
    /// </summary>
    public async Task ScopedSpend_TranslatesPatternsAndAlternatives()
    {
        var seed = UsageSeed.NewTenant();
        var telemetry = seed.Record("2026-03-02T10:00:00Z", 8m, "anthropic", "claude-opus-4-1", ("team", "backend"));
        telemetry.Source = SpendOps.Core.Usage.UsageSource.Telemetry;
        await fixture.AddAsync(
            seed.Record("2026-03-02T10:00:00Z", 1m, "anthropic", "Claude-Opus-4-1", ("team", "backend")),
            seed.Record("2026-03-02T10:00:00Z", 2m, "anthropic", "claude-sonnet-4-5", ("team", "ml")),
            seed.Record("2026-03-02T10:00:00Z", 4m, "anthropic", "claude-opus-4-1", ("team", "data")),
            telemetry,
            seed.Record("2026-03-02T10:00:00Z", 16m, "openai", "gptx4", ("team", "ml")));
        var march = new BudgetPeriod(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        await using var db = fixture.CreateContext();

        var spend = await BudgetSpendQuery.GetAsync(db, seed.TenantId,
            BudgetScopeTerms.Parse(["dim:team=backend", "dim:team=ml", "model:CLAUDE-*", "model:gpt_4", "source:proxy"]), march, CancellationToken.None);

        Assert.Equal(3m, spend.SpendUsd);
    }

    private BudgetEvaluator Evaluator(TimeProvider clock) =>
        new(new FixtureContexts(fixture), new AlertOutbox(), clock, NullLogger<BudgetEvaluator>.Instance);

    private async Task<(UsageSeed Seed, Budget Budget)> CreateBudgetAsync(TimeProvider clock, decimal amount)
    {
        var seed = UsageSeed.NewTenant();
        await using var db = fixture.CreateContext();
        db.Tenants.Add(new Tenant { Id = seed.TenantId, Name = "budgets-" + seed.TenantId.ToString("N")[..8], CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync();
        var budget = await new BudgetService(db, new AuditLog(db, clock), clock).CreateAsync(seed.TenantId,
            new BudgetDefinition("all spend", amount, BudgetPeriodKind.Month, null, BudgetScope.Tenant, Budget.DefaultThresholds, BudgetAction.AlertOnly, []),
            "test", CancellationToken.None);
        return (seed, budget);
    }

    private static List<(AlertKind, int)> Kinds(IEnumerable<AlertEvent> alerts) => alerts.Select(a => (a.Kind, a.ThresholdPercent)).ToList();
}
