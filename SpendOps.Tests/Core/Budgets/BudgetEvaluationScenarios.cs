using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpendOps.Core.Alerts;
using SpendOps.Core.Audit;
using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

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

    /// <summary>
    /// A whole run (<see cref="BudgetEvaluator.EvaluateAllAsync"/>) over budgets of two tenants, of several scopes and
    /// periods, on 10 March at 12:00 UTC (9.5 of 31 days gone in UTC). Tenant A (UTC) spent $55 (team=backend) and $30
    /// (team=data) on 5 March and $30 (no dimension) on the 10th. Month $200 over the tenant: $115 owes 50 % and the
    /// forecast ($375.26). Month $100 for team=backend: $55 owes 50 % and the forecast ($179.47). Day $20 over the tenant:
    /// the 10th's $30 owes 50, 80 and 100 % (no forecast once the amount is reached). Month $1000 for key k9: nothing. A
    /// paused budget: nothing. Tenant B (Asia/Kolkata, 9.73 days gone) spent $9 with anthropic on 2 March, and its month
    /// $10 for anthropic owes 50 %, 80 % and the forecast ($28.68). A second run raises nothing more.
    /// </summary>
    public async Task EvaluateAll_RaisesWhatEachBudgetOwes_Once()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var a = UsageSeed.NewTenant();
        var b = UsageSeed.NewTenant();
        var anthropic = b.Record("2026-03-02T10:00:00Z", 9m, "anthropic", "claude-sonnet-4-5");
        await fixture.AddAsync(
            a.Record("2026-03-05T08:00:00Z", 55m, dims: ("team", "backend")),
            a.Record("2026-03-05T09:00:00Z", 30m, dims: ("team", "data")),
            a.Record("2026-03-10T09:00:00Z", 30m),
            b.Record("2026-03-02T10:00:00Z", 4m, "openai"),
            anthropic);
        var budgets = new Dictionary<string, Budget>
        {
            ["a month"] = NewBudget(a.TenantId, "month", 200m, BudgetPeriodKind.Month),
            ["a backend"] = NewBudget(a.TenantId, "backend", 100m, BudgetPeriodKind.Month, "dim:team=backend"),
            ["a day"] = NewBudget(a.TenantId, "day", 20m, BudgetPeriodKind.Day),
            ["a k9"] = NewBudget(a.TenantId, "k9", 1000m, BudgetPeriodKind.Month, "key:k9"),
            ["a paused"] = NewBudget(a.TenantId, "paused", 10m, BudgetPeriodKind.Month),
            ["b anthropic"] = NewBudget(b.TenantId, "anthropic", 10m, BudgetPeriodKind.Month, "provider:anthropic"),
        };
        budgets["a paused"].Paused = true;
        await using (var db = fixture.CreateContext())
        {
            await db.Tenants.Where(t => t.Id == b.TenantId).ExecuteUpdateAsync(t => t.SetProperty(x => x.TimeZone, "Asia/Kolkata"));
            db.Budgets.AddRange(budgets.Values);
            await db.SaveChangesAsync();
        }

        var log = new CapturedLog();
        var first = await Evaluator(clock, log).EvaluateAllAsync(CancellationToken.None);
        var second = await Evaluator(clock, log).EvaluateAllAsync(CancellationToken.None);

        (AlertKind, int) forecast = (AlertKind.Forecast, 100), fifty = (AlertKind.Threshold, 50), eighty = (AlertKind.Threshold, 80), hundred = (AlertKind.Threshold, 100);
        // Read together, not budget by budget after a failed shared read.
        Assert.Empty(log.Warnings);
        Assert.Equal(0, first.Failed);
        Assert.Equal((0, 0), (second.Raised, second.Failed));
        Assert.Equal(new Dictionary<string, List<(AlertKind, int)>>
        {
            ["a month"] = [fifty, forecast],
            ["a backend"] = [fifty, forecast],
            ["a day"] = [fifty, eighty, hundred],
            ["a k9"] = [],
            ["a paused"] = [],
            ["b anthropic"] = [fifty, eighty, forecast],
        }, await AlertsAsync(budgets));
    }

    /// <summary>
    /// A budget the shared reads cannot take (a rolling period without a length, which validation keeps out) fails alone:
    /// the run evaluates the others one by one, and $9 of $10 still owes 50 %, 80 % and the forecast.
    /// </summary>
    public async Task EvaluateAll_ABudgetThatCannotBeRead_FailsAlone()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var seed = UsageSeed.NewTenant();
        await fixture.AddAsync(seed.Record("2026-03-10T08:00:00Z", 9m));
        var broken = NewBudget(seed.TenantId, "broken", 10m, BudgetPeriodKind.Rolling);
        var good = NewBudget(seed.TenantId, "good", 10m, BudgetPeriodKind.Month);
        await using (var db = fixture.CreateContext())
        {
            db.Budgets.AddRange(broken, good);
            await db.SaveChangesAsync();
        }
        try
        {
            var log = new CapturedLog();
            var result = await Evaluator(clock, log).EvaluateAllAsync(CancellationToken.None);

            Assert.Equal(1, result.Failed);
            Assert.Contains(log.Warnings, w => w.Contains("one by one", StringComparison.Ordinal));
            Assert.Contains(log.Warnings, w => w.Contains(broken.Id.ToString(), StringComparison.Ordinal));
            var alerts = await AlertsAsync(new Dictionary<string, Budget> { ["broken"] = broken, ["good"] = good });
            Assert.Equal([(AlertKind.Threshold, 50), (AlertKind.Threshold, 80), (AlertKind.Forecast, 100)], alerts["good"]);
            Assert.Empty(alerts["broken"]);
        }
        finally
        {
            // The fixture's database is shared: later runs must not meet it.
            await using var db = fixture.CreateContext();
            await db.Budgets.Where(x => x.Id == broken.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.Paused, true));
        }
    }

    private static Budget NewBudget(Guid tenant, string name, decimal amount, BudgetPeriodKind period, params string[] scope) => new()
    {
        TenantId = tenant,
        Name = name,
        AmountUsd = amount,
        Period = period,
        AnchorDate = new DateOnly(2026, 3, 1),
        Scope = BudgetScopeTerms.Parse(scope),
    };

    private async Task<Dictionary<string, List<(AlertKind, int)>>> AlertsAsync(Dictionary<string, Budget> budgets)
    {
        await using var db = fixture.CreateContext();
        var ids = budgets.Values.Select(b => (Guid?)b.Id).ToList();
        var stored = await db.AlertEvents.Where(x => ids.Contains(x.BudgetId)).ToListAsync();
        return budgets.ToDictionary(b => b.Key, b => Kinds(stored.Where(x => x.BudgetId == b.Value.Id).OrderBy(x => x.Kind).ThenBy(x => x.ThresholdPercent)));
    }

    private BudgetEvaluator Evaluator(TimeProvider clock, CapturedLog? log = null) =>
        new(new FixtureContexts(fixture), new AlertOutbox(), clock, log is null ? NullLogger<BudgetEvaluator>.Instance : new LoggerFactory([log]).CreateLogger<BudgetEvaluator>());

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
