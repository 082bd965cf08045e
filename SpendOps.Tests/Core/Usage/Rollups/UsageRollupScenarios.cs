using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;
using SpendOps.Tests.Core.Budgets;

namespace SpendOps.Tests.Core.Usage.Rollups;

/// <summary>
/// Totals over hourly rollups against totals over raw records, for a tenant in Asia/Kolkata (UTC+5:30): its March
/// starts and ends half-way through a UTC hour, so both edges of the period are ragged. Every expected number is
/// added up by hand from the records in <see cref="SeedAsync"/>.
/// </summary>
public abstract class UsageRollupScenarios(UsageDatabaseFixture fixture)
{
    private static readonly TenantCalendar Kolkata = TenantCalendar.For("Asia/Kolkata");

    // Local March in Kolkata: [Feb 28 18:30 UTC, Mar 31 18:30 UTC).
    private static readonly SpendPeriod March = SpendPeriod.Resolve(SpendPeriodKind.Custom, Kolkata, DateTimeOffset.Parse("2026-03-15T00:00:00Z"), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
    private static readonly BudgetPeriod BudgetMarch = new(March.From, March.To, March.FirstDay, March.LastDay);

    protected async Task Totals_FromRollupsWithDirtyHoursAndRaggedEdges_EqualHandSumsAndRawAsync()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-02-28T18:30:00Z"), March.From);
        var tenant = await SeedAsync();
        // One record per transaction at most: every run of hours with two records or more is split, down to single hours, and
        // an hour with two records or more is read a slice of time at a time.
        var builder = new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System, maxRecordsPerSpan: 1);

        // Before any rollup run (records marked, rollups empty) and after it: the same answers.
        await AssertStageOneAsync(tenant);
        await builder.RunAsync(CancellationToken.None);
        await using (var db = fixture.CreateContext())
        {
            Assert.True(await db.UsageHourlyRollups.AnyAsync(u => u.TenantId == tenant));
            Assert.True(await db.UsageDailyRollups.AnyAsync(u => u.TenantId == tenant && u.ApiKeyId == null));
            Assert.True(await db.UsageDailyDimensionRollups.AnyAsync(u => u.TenantId == tenant && u.ApiKeyId == null && u.DimensionName == "team"));
            Assert.False(await db.RollupDirtyHours.AnyAsync(m => m.TenantId == tenant));
        }
        await AssertStageOneAsync(tenant);

        // A re-rate (10.00 -> 12.00 at 03-02 10:15) and a late record written by the usage writer (0.50 at 03-10 12:30)
        // make two rolled-up hours dirty: those hours are read raw until the next run.
        await using (var db = fixture.CreateContext())
        {
            var rerated = await db.UsageRecords.SingleAsync(r => r.TenantId == tenant && r.Timestamp == DateTimeOffset.Parse("2026-03-02T10:15:00Z"));
            rerated.CostUsd = 12.00m;
            await db.SaveChangesAsync();
            var late = Seed(tenant).Record("2026-03-10T12:30:00Z", 0.50m, dims: ("team", "backend"));
            late.RequestId = "late-" + tenant.ToString("N");
            late.CostSource = CostSource.Catalog;
            await UsageBulkInserter.InsertAsync(db, [late], CancellationToken.None);
            var dirty = await db.RollupDirtyHours.Where(m => m.TenantId == tenant).Select(m => m.Hour).Distinct().ToListAsync();
            Assert.Equal([DateTimeOffset.Parse("2026-03-02T10:00:00Z"), DateTimeOffset.Parse("2026-03-10T12:00:00Z")], dirty.Order());
        }
        await AssertStageTwoAsync(tenant);
        await AssertSameAsRawAsync(tenant);

        await builder.RunAsync(CancellationToken.None);
        await AssertStageTwoAsync(tenant);
        await AssertSameAsRawAsync(tenant);
        // Idempotent: a run with nothing marked changes nothing.
        await builder.RunAsync(CancellationToken.None);
        await AssertStageTwoAsync(tenant);

        // A database upgraded from before daily rollups: hours only until a run has summed every day once.
        await using (var db = fixture.CreateContext())
        {
            await db.UsageDailyRollups.ExecuteDeleteAsync();
            await db.UsageDailyDimensionRollups.ExecuteDeleteAsync();
            await db.RollupStates.ExecuteUpdateAsync(s => s.SetProperty(r => r.DaysBuiltAt, (DateTimeOffset?)null));
        }
        await AssertStageTwoAsync(tenant);
        await builder.RunAsync(CancellationToken.None);
        await using (var db = fixture.CreateContext())
        {
            Assert.True(await db.UsageDailyRollups.AnyAsync(u => u.TenantId == tenant));
            Assert.True(await db.UsageDailyDimensionRollups.AnyAsync(u => u.TenantId == tenant));
        }
        await AssertStageTwoAsync(tenant);
        await AssertSameAsRawAsync(tenant);
    }

    protected async Task Retention_DeletesRolledUpHoursOnly_AndTotalsStayAsync()
    {
        var tenant = Guid.NewGuid();
        var seed = Seed(tenant);
        await fixture.AddAsync(
            seed.Record("2025-01-05T10:10:00Z", 2.00m, dims: ("team", "x")),
            seed.Record("2025-01-05T10:20:00Z", 3.00m),
            seed.Record("2025-01-06T11:00:00Z", 4.00m, dims: ("team", "x")),
            seed.Record("2025-03-01T00:00:00Z", 5.00m));
        var builder = new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System);
        await builder.RunAsync(CancellationToken.None);
        await using (var db = fixture.CreateContext())
        {
            // Re-priced after the run: that hour is dirty and must keep its records for now.
            var rerated = await db.UsageRecords.SingleAsync(r => r.TenantId == tenant && r.Timestamp == DateTimeOffset.Parse("2025-01-06T11:00:00Z"));
            rerated.CostUsd = 6.00m;
            await db.SaveChangesAsync();
        }
        var now = DateTimeOffset.Parse("2025-03-02T00:00:00Z");
        var january = new UsageFilter { Scope = TenantScope.Of(tenant), From = DateTimeOffset.Parse("2025-01-01T00:00:00Z"), To = DateTimeOffset.Parse("2025-02-01T00:00:00Z") };

        await using (var db = fixture.CreateContext())
        {
            var result = await UsageRecordRetention.PurgeAsync(db, now, 30, CancellationToken.None);
            Assert.Equal(new UsageRetentionResult(2, 1), result);
            Assert.Equal(["2025-01-06T11:00:00.0000000+00:00", "2025-03-01T00:00:00.0000000+00:00"], await TimestampsAsync(db, tenant));
            // 2.00 + 3.00 from the retained hour's rollups, 6.00 from the dirty hour's record.
            Assert.Equal(11.00m, await SpendToDateQuery.CostAsync(db, january, CancellationToken.None));
            // team=x: 2.00 from the retained hour's dimension rollups, 6.00 from the dirty hour's record.
            Assert.Equal(8.00m, await SpendToDateQuery.CostAsync(db, january with { Dims = new Dictionary<string, string> { ["team"] = "x" } }, CancellationToken.None));
        }

        await builder.RunAsync(CancellationToken.None);
        await using (var db = fixture.CreateContext())
        {
            Assert.Equal(new UsageRetentionResult(1, 1), await UsageRecordRetention.PurgeAsync(db, now, 30, CancellationToken.None));
            Assert.Equal(["2025-03-01T00:00:00.0000000+00:00"], await TimestampsAsync(db, tenant));
            Assert.Equal(11.00m, await SpendToDateQuery.CostAsync(db, january, CancellationToken.None));
            var byTeam = await UsageQueries.SummarizeAsync(db, january, new UsageGrouping(UsageGroupingKind.Dimension, "team"), CancellationToken.None);
            Assert.Equal([("x", 2, 8.00m), (null, 1, 3.00m)], byTeam.Select(r => (r.Key, r.Requests, r.CostUsd)));

            // A late record for a retained hour counts at once and is folded into that hour's rollups by the next run.
            var late = Seed(tenant).Record("2025-01-05T10:30:00Z", 1.00m);
            late.RequestId = "late-" + tenant.ToString("N");
            await UsageBulkInserter.InsertAsync(db, [late], CancellationToken.None);
            Assert.Equal(12.00m, await SpendToDateQuery.CostAsync(db, january, CancellationToken.None));
        }
        var merged = await builder.RunAsync(CancellationToken.None);
        Assert.Equal(1, merged.RetainedHoursMerged);
        await using (var db = fixture.CreateContext())
        {
            Assert.Equal(12.00m, await SpendToDateQuery.CostAsync(db, january, CancellationToken.None));
            Assert.Equal(["2025-03-01T00:00:00.0000000+00:00"], await TimestampsAsync(db, tenant));
            var summary = Assert.Single(await UsageQueries.SummarizeAsync(db, january, new UsageGrouping(UsageGroupingKind.Provider), CancellationToken.None));
            Assert.Equal(("openai", 4, 12.00m), (summary.Key, summary.Requests, summary.CostUsd));
        }
    }

    /// <summary>
    /// Marked hours close together are rebuilt in one pass over their records; a retained hour between them (its records
    /// deleted) keeps its rollups, and a late record for it is merged in the same run. Dates between the other
    /// retention test's cutoff and its last record, as the fixture's database is shared.
    /// </summary>
    protected async Task Rebuild_OfMarkedHoursAroundARetainedHour_KeepsItsRollupsAsync()
    {
        var tenant = Guid.NewGuid();
        var seed = Seed(tenant);
        await fixture.AddAsync(
            seed.Record("2025-02-05T10:10:00Z", 2.00m, dims: ("team", "x")),
            seed.Record("2025-02-05T11:20:00Z", 3.00m, dims: ("team", "x")),
            seed.Record("2025-02-05T12:30:00Z", 4.00m));
        var builder = new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System);
        await builder.RunAsync(CancellationToken.None);
        await RerateAsync(tenant, "2025-02-05T10:10:00Z", 5.00m);
        await RerateAsync(tenant, "2025-02-05T12:30:00Z", 6.00m);
        await using (var db = fixture.CreateContext())
            Assert.Equal(new UsageRetentionResult(1, 1), await UsageRecordRetention.PurgeAsync(db, DateTimeOffset.Parse("2025-03-10T00:00:00Z"), 30, CancellationToken.None));
        var february = new UsageFilter { Scope = TenantScope.Of(tenant), From = DateTimeOffset.Parse("2025-02-01T00:00:00Z"), To = DateTimeOffset.Parse("2025-03-01T00:00:00Z") };
        var teamX = february with { Dims = new Dictionary<string, string> { ["team"] = "x" } };

        // 5.00 + 3.00 (retained 11:00, from its rollups) + 6.00; team x: 5.00 + 3.00.
        var result = await builder.RunAsync(CancellationToken.None);
        Assert.Equal((2, 0), (result.HoursRebuilt, result.RetainedHoursMerged));
        await using (var db = fixture.CreateContext())
        {
            Assert.Equal(14.00m, await SpendToDateQuery.CostAsync(db, february, CancellationToken.None));
            Assert.Equal(8.00m, await SpendToDateQuery.CostAsync(db, teamX, CancellationToken.None));
            var byTeam = await UsageQueries.SummarizeAsync(db, february, new UsageGrouping(UsageGroupingKind.Dimension, "team"), CancellationToken.None);
            Assert.Equal([("x", 2, 8.00m), (null, 1, 6.00m)], byTeam.Select(r => (r.Key, r.Requests, r.CostUsd)));

            var late = Seed(tenant).Record("2025-02-05T11:45:00Z", 1.00m, dims: ("team", "x"));
            late.RequestId = "late-" + tenant.ToString("N");
            await UsageBulkInserter.InsertAsync(db, [late], CancellationToken.None);
        }
        await RerateAsync(tenant, "2025-02-05T10:10:00Z", 7.00m);

        // 7.00 + 3.00 + 1.00 (late, merged into 11:00) + 6.00; team x: 7.00 + 3.00 + 1.00.
        result = await builder.RunAsync(CancellationToken.None);
        Assert.Equal((1, 1), (result.HoursRebuilt, result.RetainedHoursMerged));
        await using (var db = fixture.CreateContext())
        {
            Assert.Equal(17.00m, await SpendToDateQuery.CostAsync(db, february, CancellationToken.None));
            Assert.Equal(11.00m, await SpendToDateQuery.CostAsync(db, teamX, CancellationToken.None));
            Assert.Equal(["2025-02-05T10:10:00.0000000+00:00", "2025-02-05T12:30:00.0000000+00:00"], await TimestampsAsync(db, tenant));
            Assert.False(await db.RollupDirtyHours.AnyAsync(m => m.TenantId == tenant));
        }
    }

    private async Task RerateAsync(Guid tenant, string timestamp, decimal cost)
    {
        await using var db = fixture.CreateContext();
        var record = await db.UsageRecords.SingleAsync(r => r.TenantId == tenant && r.Timestamp == DateTimeOffset.Parse(timestamp));
        record.CostUsd = cost;
        await db.SaveChangesAsync();
    }

    private static async Task<List<string>> TimestampsAsync(SpendOpsDbContext db, Guid tenant) =>
        (await db.UsageRecords.Where(r => r.TenantId == tenant).Select(r => r.Timestamp).ToListAsync()).Order().Select(t => t.ToString("O")).ToList();

    // 2.00 (18:45, ragged first hour) + 10.00 + 5.00 (reported) + 3.00 (estimated telemetry) + 7.00 + 20.00 (18:10, ragged
    // last hour) and the unpriced call; not 1.00 (18:00, before local midnight), 4.00 (superseded), 50.00 (after the end).
    private async Task AssertStageOneAsync(Guid tenant)
    {
        await using var db = fixture.CreateContext();
        var month = Filter(tenant);
        Assert.Equal(47.00m, await SpendToDateQuery.CostAsync(db, month, CancellationToken.None));
        var byProvider = await UsageQueries.SummarizeAsync(db, month, new UsageGrouping(UsageGroupingKind.Provider), CancellationToken.None);
        Assert.Equal([("openai", 5, 39.00m, 1), ("anthropic", 2, 8.00m, 0)], byProvider.Select(r => (r.Key, r.Requests, r.CostUsd, r.Unpriced)));
        Assert.Equal(new BudgetSpend(47.00m, 1), await BudgetSpendQuery.GetAsync(db, tenant, BudgetScope.Tenant, BudgetMarch, CancellationToken.None));
    }

    // Stage one with 12.00 instead of 10.00 and the late 0.50.
    private async Task AssertStageTwoAsync(Guid tenant)
    {
        await using var db = fixture.CreateContext();
        var month = Filter(tenant);
        Assert.Equal(49.50m, await SpendToDateQuery.CostAsync(db, month, CancellationToken.None));
        Assert.Equal(14.00m, await SpendToDateQuery.CostAsync(db, month with { ApiKeyId = "k1" }, CancellationToken.None));
        Assert.Equal(14.50m, await SpendToDateQuery.CostAsync(db, month with { Dims = new Dictionary<string, string> { ["team"] = "backend" } }, CancellationToken.None));
        Assert.Equal(3.00m, await SpendToDateQuery.CostAsync(db, month with { Estimated = true }, CancellationToken.None));
        Assert.Equal(5.00m, await SpendToDateQuery.CostAsync(db, month with { PricingStatus = PricingStatus.Reported }, CancellationToken.None));

        var byModel = await UsageQueries.SummarizeAsync(db, month, new UsageGrouping(UsageGroupingKind.Model), CancellationToken.None);
        Assert.Equal([("gpt-4.1", 5, 41.50m), ("claude-sonnet-4-5", 1, 5.00m), ("claude-opus-4-1", 1, 3.00m), ("gpt-5", 1, 0m)],
            byModel.Select(r => (r.Key, r.Requests, r.CostUsd)));
        var byTeam = await UsageQueries.SummarizeAsync(db, month, new UsageGrouping(UsageGroupingKind.Dimension, "team"), CancellationToken.None);
        Assert.Equal([("data", 2, 25.00m, 1, 0), ("backend", 4, 14.50m, 0, 1), (null, 2, 10.00m, 0, 0)],
            byTeam.Select(r => (r.Key, r.Requests, r.CostUsd, r.Reported, r.Unpriced)));
        var bySource = await UsageQueries.SummarizeAsync(db, month, new UsageGrouping(UsageGroupingKind.Source), CancellationToken.None);
        Assert.Equal([("proxy", 7, 46.50m), ("telemetry", 1, 3.00m)], bySource.Select(r => (r.Key, r.Requests, r.CostUsd)));
        var total = (await TopSpendQuery.GetAsync(db, month, new UsageGrouping(UsageGroupingKind.Key), 1, CancellationToken.None)).Total;
        // Catalog 2.00 + 12.00 + 20.00 + 0.50 + 3.00; tenant price 7.00; reported 5.00 (provider cost 5.00).
        Assert.Equal((8, 49.50m, 37.50m, 7.00m, 5.00m, 5.00m, 1, 1), (total.Requests, total.CostUsd, total.CatalogCostUsd, total.TenantPriceCostUsd, total.ReportedCostUsd, total.ProviderCostUsd, total.Unpriced, total.Incomplete));
        // r3's tokens: 100 in, 50 cache reads, 20 out.
        Assert.Equal((100L, 50L, 20L), (total.InputTokens, total.CacheReadTokens, total.OutputTokens));

        Assert.Equal(new BudgetSpend(49.50m, 1), await BudgetSpendQuery.GetAsync(db, tenant, BudgetScope.Tenant, BudgetMarch, CancellationToken.None));
        Assert.Equal(new BudgetSpend(14.50m, 1), await BudgetSpendQuery.GetAsync(db, tenant, BudgetScopeTerms.Parse(["dim:team=backend", "provider:openai"]), BudgetMarch, CancellationToken.None));
        Assert.Equal(new BudgetSpend(8.00m, 0), await BudgetSpendQuery.GetAsync(db, tenant, BudgetScopeTerms.Parse(["model:claude-*"]), BudgetMarch, CancellationToken.None));
        Assert.Equal(new BudgetSpend(39.50m, 1), await BudgetSpendQuery.GetAsync(db, tenant, BudgetScopeTerms.Parse(["dim:team=backend", "dim:team=data"]), BudgetMarch, CancellationToken.None));
        Assert.Equal(new BudgetSpend(0m, 0), await BudgetSpendQuery.GetAsync(db, tenant, BudgetScopeTerms.Parse(["dim:team=data", "dim:env=prod"]), BudgetMarch, CancellationToken.None));

        // Chargeback by team and provider; the previous period (Kolkata's February) has the 1.00 call of Feb 28 18:00 UTC.
        var chargeback = await ChargebackAsync(db, tenant, "dim:team", "provider");
        Assert.Equal(["data/openai 1 20.00 0.00", "backend/openai 4 14.50 1.00", "data/anthropic 1 5.00 0.00", "(unattributed)/openai 1 7.00 0.00", "(unattributed)/anthropic 1 3.00 0.00"],
            Rows(chargeback));
        Assert.Equal((49.50m, 1.00m, 46.50m, 3.00m), (chargeback.Total.CostUsd, chargeback.PreviousTotalUsd, chargeback.Total.MeasuredCostUsd, chargeback.Total.EstimatedCostUsd));

        // Hourly chart of Mar 2 (UTC) by provider: 12.00 (openai) and 5.00 (anthropic) at 10:00, nothing else that day.
        var chart = await SpendOverTime.GetAsync(db, new UsageFilter { Scope = TenantScope.Of(tenant), From = DateTimeOffset.Parse("2026-03-02T00:00:00Z"), To = DateTimeOffset.Parse("2026-03-03T00:00:00Z") },
            TenantCalendar.Utc, SpendBucketSize.Hour, SpendSplit.Provider, 5, CancellationToken.None);
        Assert.Equal([("openai", 12.00m, 12.00m), ("anthropic", 5.00m, 5.00m)], chart.Lines.Select(l => (l.Key, l.Total, l.Values[10])));

        // Kolkata's Mar 31 is [Mar 30 18:30, Mar 31 18:30) UTC: only the 20.00 call.
        var spend = await SpendToDateQuery.GetAsync(db, tenant, Kolkata, new FixedClock(DateTimeOffset.Parse("2026-03-31T18:20:00Z")), CancellationToken.None);
        Assert.Equal((20.00m, 49.50m, 5.00m), (spend.TodayUsd, spend.MonthToDateUsd, spend.MonthToDateReportedUsd));
    }

    /// <summary>The same queries with rollups switched off (no rollup state: records only) give the same answers.</summary>
    private async Task AssertSameAsRawAsync(Guid tenant)
    {
        var month = Filter(tenant);
        var groupings = new[] { new UsageGrouping(UsageGroupingKind.Model), new UsageGrouping(UsageGroupingKind.Key), new UsageGrouping(UsageGroupingKind.Endpoint), new UsageGrouping(UsageGroupingKind.Dimension, "team") };
        async Task<List<object>> AnswersAsync()
        {
            await using var db = fixture.CreateContext();
            var answers = new List<object>();
            foreach (var grouping in groupings)
                answers.AddRange(await UsageQueries.SummarizeAsync(db, month, grouping, CancellationToken.None));
            answers.Add(await BudgetSpendQuery.GetAsync(db, tenant, BudgetScopeTerms.Parse(["dim:team=data", "source:proxy"]), BudgetMarch, CancellationToken.None));
            var chart = await SpendOverTime.GetAsync(db, new UsageFilter { Scope = TenantScope.Of(tenant), From = DateTimeOffset.Parse("2026-02-28T12:00:00Z"), To = DateTimeOffset.Parse("2026-04-01T00:00:00Z") },
                TenantCalendar.Utc, SpendBucketSize.Day, SpendSplit.Model, 3, CancellationToken.None);
            answers.AddRange(chart.Lines.Select(l => (object)(l.Key, string.Join(",", l.Values.Select(v => v.ToString("0.##########", CultureInfo.InvariantCulture))))));
            foreach (var keys in new string[][] { ["model", "key"], ["dim:team", "source"], ["provider"] })
            {
                var report = await ChargebackAsync(db, tenant, keys);
                answers.AddRange(report.Rows.Select(r => (object)(string.Join("/", r.Labels), r.Amounts, r.PreviousCostUsd)));
                answers.Add(report.Total);
            }
            return answers;
        }
        var rolled = await AnswersAsync();
        await using (var db = fixture.CreateContext())
        {
            var state = await db.RollupStates.SingleAsync();
            db.RollupStates.Remove(state);
            await db.SaveChangesAsync();
            var raw = await AnswersAsync();
            db.RollupStates.Add(new RollupState { BackfilledAt = state.BackfilledAt, DaysBuiltAt = state.DaysBuiltAt });
            await db.SaveChangesAsync();
            Assert.Equal(raw, rolled);
        }
    }

    private static Task<ChargebackReport> ChargebackAsync(SpendOpsDbContext db, Guid tenant, params string[] keys)
    {
        var parsed = keys.Select(k => ChargebackKey.TryParse(k, out var key) ? key : throw new ArgumentException(k)).ToList();
        return ChargebackQuery.RunAsync(db, new ChargebackRequest(TenantScope.Of(tenant), ChargebackPeriod.Month(Kolkata, 2026, 3), parsed), Kolkata, CancellationToken.None);
    }

    private static List<string> Rows(ChargebackReport report) =>
        report.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{string.Join("/", r.Labels)} {r.Amounts.Calls} {r.Amounts.CostUsd:0.00#} {r.PreviousCostUsd:0.00#}")).ToList();

    private static UsageFilter Filter(Guid tenant) => new() { Scope = TenantScope.Of(tenant), From = March.From, To = March.To };

    private static UsageSeed Seed(Guid tenant) => new(tenant);

    private async Task<Guid> SeedAsync()
    {
        var seed = UsageSeed.NewTenant();
        var backend = ("team", "backend");
        var data = ("team", "data");
        UsageRecord Catalog(UsageRecord r)
        {
            r.CostSource = CostSource.Catalog;
            return r;
        }

        var beforeStart = Catalog(seed.Record("2026-02-28T18:00:00Z", 1.00m, dims: backend));
        var firstHour = Catalog(seed.Record("2026-02-28T18:45:00Z", 2.00m, dims: backend));
        firstHour.ApiKeyId = "k1";
        var measured = Catalog(seed.Record("2026-03-02T10:15:00Z", 10.00m, dims: backend));
        measured.ApiKeyId = "k1";
        measured.Tokens = new TokenCounts { InputTokens = 100, CacheReadTokens = 50, OutputTokens = 20 };
        var reported = seed.Record("2026-03-02T10:40:00Z", 5.00m, "anthropic", "claude-sonnet-4-5", data);
        reported.PricingStatus = PricingStatus.Reported;
        reported.CostSource = CostSource.Reported;
        reported.ProviderCostUsd = 5.00m;
        var superseded = Catalog(seed.Record("2026-03-02T10:50:00Z", 4.00m, "anthropic", "claude-opus-4-1", backend));
        superseded.Source = UsageSource.Telemetry;
        superseded.Superseded = true;
        var unpriced = seed.Record("2026-03-03T09:00:00Z", null, "openai", "gpt-5", backend);
        var estimated = Catalog(seed.Record("2026-03-03T09:30:00Z", 3.00m, "anthropic", "claude-opus-4-1"));
        estimated.Source = UsageSource.Telemetry;
        estimated.Estimated = true;
        var tenantPrice = seed.Record("2026-03-10T12:00:00Z", 7.00m);
        tenantPrice.CostSource = CostSource.TenantPrice;
        tenantPrice.UsageComplete = false;
        var lastHour = Catalog(seed.Record("2026-03-31T18:10:00Z", 20.00m, dims: data));
        var afterEnd = Catalog(seed.Record("2026-03-31T18:40:00Z", 50.00m, dims: data));
        var other = UsageSeed.NewTenant().Record("2026-03-02T10:20:00Z", 1000.00m, dims: backend);
        await fixture.AddAsync(beforeStart, firstHour, measured, reported, superseded, unpriced, estimated, tenantPrice, lastHour, afterEnd, other);
        return seed.TenantId;
    }
}
