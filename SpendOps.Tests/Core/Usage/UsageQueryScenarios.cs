using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Usage;

/// <summary>
/// The dashboard and explorer queries on a real database, with numbers worked out by hand. Each scenario runs on
/// SQLite (<see cref="SqliteUsageQueryTests"/>), PostgreSQL (<see cref="PostgresUsageQueryTests"/>) and SQL Server
/// (<see cref="SqlServerUsageQueryTests"/>).
/// New York is UTC-5 in winter and UTC-4 from 8 March 2026 (02:00) to 1 November 2026 (02:00).
/// </summary>
public abstract class UsageQueryScenarios(UsageDatabaseFixture fixture)
{
    private static readonly TenantCalendar NewYork = TenantCalendar.For("America/New_York");

    protected async Task SpendToDate_AroundLocalMidnightAndMonthStart_CountsTenantLocalDaysAsync()
    {
        var seed = UsageSeed.NewTenant();
        var other = UsageSeed.NewTenant();
        var superseded = seed.Record("2026-03-10T12:00:00Z", 100m);
        superseded.Superseded = true;
        await fixture.AddAsync(
            seed.Record("2026-03-10T03:59:00Z", 1m),    // 9 March 23:59 local: this month, not today
            seed.Record("2026-03-10T04:00:00Z", 2m),    // 10 March 00:00 local: today
            seed.Record("2026-03-10T21:00:00Z", 4m),    // 10 March 17:00 local: today
            seed.Record("2026-03-01T04:59:00Z", 8m),    // 28 February 23:59 local (UTC-5): last month
            seed.Record("2026-03-01T05:00:00Z", 32m),   // 1 March 00:00 local: this month
            seed.Record("2026-03-10T13:00:00Z", null),  // unpriced: counted as nothing
            superseded,
            other.Record("2026-03-10T12:00:00Z", 1000m));
        var clock = new FixedClock(DateTimeOffset.Parse("2026-03-10T22:00:00Z"));  // 18:00 local

        await using var db = fixture.CreateContext();
        var spend = await SpendToDateQuery.GetAsync(db, seed.TenantId, NewYork, clock, CancellationToken.None);
        var summary = await UsageQueries.SummarizeAsync(db, new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = spend.Month.From, To = spend.Month.To }, new UsageGrouping(UsageGroupingKind.Model), CancellationToken.None);

        Assert.Equal(2m + 4m, spend.TodayUsd);
        Assert.Equal(1m + 2m + 4m + 32m, spend.MonthToDateUsd);
        // 39 over 9.75 elapsed days is 4 a day; 31 - 9.75 = 21.25 days left: 39 + 85.
        Assert.Equal(124m, spend.ForecastUsd);
        Assert.Equal(summary.Sum(r => r.CostUsd), spend.MonthToDateUsd);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T04:00:00Z"), spend.Today.From);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T05:00:00Z"), spend.Month.From);
        Assert.Equal(DateTimeOffset.Parse("2026-04-01T04:00:00Z"), spend.Month.To);
    }

    protected async Task SpendOverTime_DayBucketsAcrossDaylightSavingEnd_FollowLocalDaysAsync()
    {
        var seed = UsageSeed.NewTenant();
        await fixture.AddAsync(
            seed.Record("2026-10-31T03:59:00Z", 64m),                   // 30 October local: before the period
            seed.Record("2026-10-31T04:00:00Z", 1m),                    // 31 October 00:00
            seed.Record("2026-11-01T03:59:00Z", 2m, "anthropic"),       // 31 October 23:59
            seed.Record("2026-11-01T04:00:00Z", 4m),                    // 1 November 00:00 EDT
            seed.Record("2026-11-02T04:30:00Z", 8m),                    // 1 November 23:30 EST: the 25-hour day
            seed.Record("2026-11-02T05:00:00Z", 16m, "anthropic"),      // 2 November 00:00
            seed.Record("2026-11-03T05:00:00Z", 128m));                 // 3 November: after the period
        var period = SpendPeriod.Resolve(SpendPeriodKind.Custom, NewYork, DateTimeOffset.Parse("2026-11-20T00:00:00Z"), new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 2));

        await using var db = fixture.CreateContext();
        var series = await SpendOverTime.GetAsync(db, Filter(seed, period), NewYork, SpendBucketSize.Day, SpendSplit.Provider, 5, CancellationToken.None);

        Assert.Equal([new DateTime(2026, 10, 31), new DateTime(2026, 11, 1), new DateTime(2026, 11, 2)], series.Buckets);
        Assert.Equal(["anthropic", "openai"], series.Lines.Select(l => l.Key));
        Assert.Equal([2m, 0m, 16m], series.Lines[0].Values);
        Assert.Equal([1m, 12m, 0m], series.Lines[1].Values);
        Assert.Equal(31m, series.Total);
    }

    protected async Task SpendOverTime_HourBucketsOnFallBackDay_Has25BucketsAsync()
    {
        var seed = UsageSeed.NewTenant();
        await fixture.AddAsync(
            seed.Record("2026-11-01T05:30:00Z", 1m),    // 01:30 EDT
            seed.Record("2026-11-01T06:30:00Z", 2m),    // 01:30 EST, an hour later
            seed.Record("2026-11-02T04:59:00Z", 4m));   // 23:59 EST
        var period = SpendPeriod.Resolve(SpendPeriodKind.Custom, NewYork, DateTimeOffset.Parse("2026-11-20T00:00:00Z"), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));

        await using var db = fixture.CreateContext();
        var series = await SpendOverTime.GetAsync(db, Filter(seed, period), NewYork, SpendBucketSize.Hour, SpendSplit.Provider, 5, CancellationToken.None);

        var line = Assert.Single(series.Lines);
        Assert.Equal(25, series.Buckets.Count);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 0), series.Buckets[1]);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 0), series.Buckets[2]);
        Assert.Equal(1m, line.Values[1]);
        Assert.Equal(2m, line.Values[2]);
        Assert.Equal(4m, line.Values[24]);
    }

    protected async Task SpendOverTime_MoreModelsThanLines_FoldsSmallestIntoOtherAsync()
    {
        var seed = UsageSeed.NewTenant();
        await fixture.AddAsync(
            seed.Record("2026-05-01T12:00:00Z", 5m, model: "big"),
            seed.Record("2026-05-01T12:00:00Z", 1m, model: "small"),
            seed.Record("2026-05-02T12:00:00Z", 2m, model: "medium"),
            seed.Record("2026-05-02T12:00:00Z", 0.5m, model: "tiny"));
        var period = SpendPeriod.Resolve(SpendPeriodKind.Custom, TenantCalendar.Utc, DateTimeOffset.Parse("2026-05-20T00:00:00Z"), new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 2));

        await using var db = fixture.CreateContext();
        var series = await SpendOverTime.GetAsync(db, Filter(seed, period), TenantCalendar.Utc, SpendBucketSize.Day, SpendSplit.Model, 3, CancellationToken.None);

        Assert.Equal(["big", "medium", SpendSeries.Other], series.Lines.Select(l => l.Key));
        Assert.Equal([1m, 0.5m], series.Lines[2].Values);
    }

    protected async Task SpendOverTime_PagesSmallerThanData_CountsEveryRecordOnceAsync()
    {
        var seed = UsageSeed.NewTenant();
        var records = Enumerable.Range(0, 7).Select(i => seed.Record(i < 4 ? "2026-06-01T10:00:00Z" : $"2026-06-01T1{i}:00:00Z", 1m + i)).ToArray();
        await fixture.AddAsync(records);
        var period = SpendPeriod.Resolve(SpendPeriodKind.Custom, TenantCalendar.Utc, DateTimeOffset.Parse("2026-06-20T00:00:00Z"), new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1));

        await using var db = fixture.CreateContext();
        var series = await SpendOverTime.GetAsync(db, Filter(seed, period), TenantCalendar.Utc, SpendBucketSize.Day, SpendSplit.Provider, 5, pageSize: 2, CancellationToken.None);

        Assert.Equal(1m + 2 + 3 + 4 + 5 + 6 + 7, Assert.Single(series.Lines).Values[0]);
    }

    protected async Task TopSpend_ByTeam_FoldsTheRestAndKeepsTotalsAsync()
    {
        var seed = UsageSeed.NewTenant();
        await fixture.AddAsync(
            seed.Record("2026-04-02T12:00:00Z", 3m, dims: [("team", "backend")]),
            seed.Record("2026-04-03T12:00:00Z", 4m, dims: [("team", "backend")]),
            seed.Record("2026-04-02T12:00:00Z", 5m, dims: [("team", "data")]),
            seed.Record("2026-04-02T12:00:00Z", 1m, dims: [("team", "web")]),
            seed.Record("2026-04-02T12:00:00Z", 0.25m));
        var filter = new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = DateTimeOffset.Parse("2026-04-01T00:00:00Z"), To = DateTimeOffset.Parse("2026-05-01T00:00:00Z") };

        await using var db = fixture.CreateContext();
        var top = await TopSpendQuery.GetAsync(db, filter, new UsageGrouping(UsageGroupingKind.Dimension, "team"), 2, CancellationToken.None);

        Assert.Equal(["backend", "data"], top.Rows.Select(r => r.Key));
        Assert.Equal([7m, 5m], top.Rows.Select(r => r.CostUsd));
        Assert.Equal(2, top.Rows[0].Requests);
        Assert.Equal(1.25m, top.Others!.CostUsd);
        Assert.Equal(2, top.Others.Requests);
        Assert.Equal(13.25m, top.Total.CostUsd);
        Assert.Equal(5, top.Total.Requests);
    }

    protected async Task CacheHitRate_PerUser_IsCacheReadsOverPromptTokensAsync()
    {
        var seed = UsageSeed.NewTenant();
        var alice1 = seed.Record("2026-04-02T12:00:00Z", 1m, dims: [("user", "alice")]);
        (alice1.Tokens.InputTokens, alice1.Tokens.CacheReadTokens, alice1.Tokens.CacheWrite5mTokens) = (100, 600, 100);
        var alice2 = seed.Record("2026-04-02T13:00:00Z", 1m, dims: [("user", "alice")]);
        (alice2.Tokens.InputTokens, alice2.Tokens.CacheReadTokens, alice2.Tokens.CacheWrite1hTokens) = (50, 100, 50);
        var bob = seed.Record("2026-04-02T12:00:00Z", 1m, dims: [("user", "bob")]);
        (bob.Tokens.InputTokens, bob.Tokens.OutputTokens) = (400, 50);
        var carol = seed.Record("2026-04-02T12:00:00Z", 1m, dims: [("user", "carol")]);   // no prompt tokens: no rate
        var supersededAlice = seed.Record("2026-04-02T12:00:00Z", 1m, dims: [("user", "alice")]);
        (supersededAlice.Tokens.InputTokens, supersededAlice.Superseded) = (10_000, true);
        await fixture.AddAsync(alice1, alice2, bob, carol, supersededAlice);
        var filter = new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = DateTimeOffset.Parse("2026-04-01T00:00:00Z"), To = DateTimeOffset.Parse("2026-05-01T00:00:00Z") };

        await using var db = fixture.CreateContext();
        var rates = await CacheHitRateQuery.ByDimensionAsync(db, filter, "user", CancellationToken.None);
        var overall = (await TopSpendQuery.GetAsync(db, filter, new UsageGrouping(UsageGroupingKind.Source), 0, CancellationToken.None)).Total.CacheHitRate;

        // alice: 700 cache reads of 150 + 700 + 150 = 1000 prompt tokens; bob: none of 400.
        Assert.Equal(["alice", "bob"], rates.Select(r => r.Key));
        Assert.Equal(0.7, rates[0].CacheHitRate, 6);
        Assert.Equal(0.0, rates[1].CacheHitRate, 6);
        Assert.Equal(700.0 / 1400, overall, 6);
    }

    protected async Task UsageAttention_InPeriod_CountsUnpricedPendingAndIncompleteAsync()
    {
        var seed = UsageSeed.NewTenant();
        var pending = seed.Record("2026-04-02T12:00:00Z", null);
        pending.PricingStatus = PricingStatus.Pending;
        var incomplete = seed.Record("2026-04-02T12:00:00Z", null);
        incomplete.UsageComplete = false;
        var supersededUnpriced = seed.Record("2026-04-02T12:00:00Z", null);
        supersededUnpriced.Superseded = true;
        var notBillable = seed.Record("2026-04-02T12:00:00Z", null);
        notBillable.PricingStatus = PricingStatus.NotBillable;
        await fixture.AddAsync(
            seed.Record("2026-04-02T12:00:00Z", null), pending, incomplete, supersededUnpriced, notBillable,
            seed.Record("2026-04-02T12:00:00Z", 1m), seed.Record("2026-05-02T12:00:00Z", null));
        var filter = new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = DateTimeOffset.Parse("2026-04-01T00:00:00Z"), To = DateTimeOffset.Parse("2026-05-01T00:00:00Z") };

        await using var db = fixture.CreateContext();
        var attention = await UsageAttentionQuery.CountAsync(db, filter, CancellationToken.None);
        var listed = await UsagePageQuery.GetAsync(db, filter with { Unpriced = true }, UsageSort.Time, true, 0, 50, CancellationToken.None);

        Assert.Equal(new UsageAttention(Unpriced: 3, Incomplete: 1, Reported: 0), attention);
        Assert.Equal(3, listed.TotalCount);
    }

    protected async Task UsagePage_AllPages_ReturnEveryRecordOnceInOrderAsync()
    {
        var seed = UsageSeed.NewTenant();
        var records = Enumerable.Range(0, 23)
            .Select(i => seed.Record($"2026-07-01T{i % 5:00}:00:00Z", i % 4 == 0 ? null : i % 6 * 0.5m))
            .ToArray();
        await fixture.AddAsync(records);
        await fixture.AddAsync(UsageSeed.NewTenant().Record("2026-07-01T01:00:00Z", 1m));
        var filter = new UsageFilter { Scope = TenantScope.Of(seed.TenantId) };

        foreach (var (sort, descending) in new[] { (UsageSort.Time, true), (UsageSort.Time, false), (UsageSort.Cost, true), (UsageSort.Cost, false), (UsageSort.Model, false) })
        {
            List<UsageListItem> all = [];
            int total;
            var skip = 0;
            do
            {
                await using var db = fixture.CreateContext();
                var page = await UsagePageQuery.GetAsync(db, filter, sort, descending, skip, 5, CancellationToken.None);
                total = page.TotalCount;
                all.AddRange(page.Items);
                skip += 5;
            }
            while (skip < total);

            Assert.Equal(23, total);
            Assert.Equal(records.Select(r => r.RequestId).Order(), all.Select(r => r.RequestId).Order());
            var expected = sort switch
            {
                UsageSort.Cost => all.OrderBy(r => r.CostUsd is null).ThenBy(r => descending ? -r.CostUsd : r.CostUsd)
                    .ThenBy(r => descending ? -r.Timestamp.UtcTicks : r.Timestamp.UtcTicks).ThenBy(r => descending ? -r.Id : r.Id),
                UsageSort.Model => all.OrderBy(r => r.Model).ThenBy(r => r.Timestamp).ThenBy(r => r.Id),
                _ => all.OrderBy(r => descending ? -r.Timestamp.UtcTicks : r.Timestamp.UtcTicks).ThenBy(r => descending ? -r.Id : r.Id),
            };
            Assert.Equal(expected.Select(r => r.Id), all.Select(r => r.Id));
        }
    }

    protected async Task UsagePage_AllFiltersSet_ReturnsOnlyMatchingRecordAsync()
    {
        var seed = UsageSeed.NewTenant();
        var match = seed.Record("2026-08-01T10:00:00Z", 1m, "anthropic", "claude-sonnet-4-5", ("team", "backend"), ("env", "prod"));
        (match.ApiKeyId, match.StatusCode, match.Source, match.Estimated) = ("k1", 429, UsageSource.Telemetry, true);
        var otherTeam = seed.Record("2026-08-01T10:00:00Z", 1m, "anthropic", "claude-sonnet-4-5", ("team", "web"), ("env", "prod"));
        (otherTeam.ApiKeyId, otherTeam.StatusCode, otherTeam.Source, otherTeam.Estimated) = ("k1", 429, UsageSource.Telemetry, true);
        var success = seed.Record("2026-08-01T10:00:00Z", 1m, "anthropic", "claude-sonnet-4-5", ("team", "backend"), ("env", "prod"));
        (success.ApiKeyId, success.Source, success.Estimated) = ("k1", UsageSource.Telemetry, true);
        var otherKey = seed.Record("2026-08-01T10:00:00Z", 1m, "anthropic", "claude-sonnet-4-5", ("team", "backend"), ("env", "prod"));
        (otherKey.ApiKeyId, otherKey.StatusCode, otherKey.Source, otherKey.Estimated) = ("k2", 429, UsageSource.Telemetry, true);
        await fixture.AddAsync(match, otherTeam, success, otherKey);
        var filter = new UsageFilter
        {
            Scope = TenantScope.Of(seed.TenantId),
            From = DateTimeOffset.Parse("2026-08-01T00:00:00Z"),
            To = DateTimeOffset.Parse("2026-08-02T00:00:00Z"),
            ApiKeyId = "k1",
            Provider = "anthropic",
            Model = "claude-sonnet-4-5",
            StatusClass = 4,
            Source = UsageSource.Telemetry,
            Estimated = true,
            PricingStatus = PricingStatus.Priced,
            Dims = new Dictionary<string, string> { ["team"] = "backend", ["env"] = "prod" },
        };

        await using var db = fixture.CreateContext();
        var page = await UsagePageQuery.GetAsync(db, filter, UsageSort.Time, true, 0, 50, CancellationToken.None);

        var only = Assert.Single(page.Items);
        Assert.Equal(match.RequestId, only.RequestId);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("backend", only.Dims["team"]);
    }

    protected async Task UsageRecordLookup_OtherTenantsRecord_IsNotFoundAsync()
    {
        var mine = UsageSeed.NewTenant();
        var theirs = UsageSeed.NewTenant();
        var myRecord = mine.Record("2026-08-01T10:00:00Z", 1m);
        var theirRecord = theirs.Record("2026-08-01T10:00:00Z", 1m);
        await fixture.AddAsync(myRecord, theirRecord);

        await using var db = fixture.CreateContext();
        var found = await UsageRecordLookup.FindAsync(db, mine.TenantId, myRecord.RequestId, CancellationToken.None);
        var hidden = await UsageRecordLookup.FindAsync(db, mine.TenantId, theirRecord.RequestId, CancellationToken.None);

        Assert.Equal(1m, found?.CostUsd);
        Assert.Null(hidden);
    }

    protected async Task DimensionNames_InPeriod_AreDistinctAndSortedAsync()
    {
        var seed = UsageSeed.NewTenant();
        await fixture.AddAsync(
            seed.Record("2026-08-01T10:00:00Z", 1m, dims: [("user", "a"), ("team", "x")]),
            seed.Record("2026-08-01T11:00:00Z", 1m, dims: [("team", "y")]),
            seed.Record("2026-09-01T11:00:00Z", 1m, dims: [("env", "prod")]),
            UsageSeed.NewTenant().Record("2026-08-01T10:00:00Z", 1m, dims: [("app", "z")]));
        var filter = new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = DateTimeOffset.Parse("2026-08-01T00:00:00Z"), To = DateTimeOffset.Parse("2026-09-01T00:00:00Z") };

        await using var db = fixture.CreateContext();
        var names = await UsageDimensionNamesQuery.GetAsync(db, filter, CancellationToken.None);

        Assert.Equal(["team", "user"], names);
    }

    protected async Task Summary_CostsOfRecord_SplitByWhereTheyCameFromAsync()
    {
        var seed = UsageSeed.NewTenant();
        UsageRecord From(string utc, decimal? cost, CostSource? source, PricingStatus status, decimal? reported = null, bool superseded = false)
        {
            var record = seed.Record(utc, cost);
            record.CostSource = source;
            record.PricingStatus = status;
            record.ProviderCostUsd = reported;
            record.Superseded = superseded;
            return record;
        }
        await fixture.AddAsync(
            From("2026-07-01T10:00:00Z", 1.5m, CostSource.Catalog, PricingStatus.Priced, reported: 1.4m),
            From("2026-07-01T11:00:00Z", 0.25m, CostSource.TenantPrice, PricingStatus.Priced),
            From("2026-07-01T12:00:00Z", 0.125m, CostSource.Reported, PricingStatus.Reported, reported: 0.125m),
            From("2026-07-01T13:00:00Z", 0.0625m, CostSource.Reported, PricingStatus.Reported, reported: 0.0625m),
            From("2026-07-01T14:00:00Z", 8m, CostSource.Reported, PricingStatus.Reported, reported: 8m, superseded: true),
            From("2026-07-01T15:00:00Z", null, null, PricingStatus.Unpriced));
        var filter = new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = DateTimeOffset.Parse("2026-07-01T00:00:00Z"), To = DateTimeOffset.Parse("2026-07-02T00:00:00Z") };

        await using var db = fixture.CreateContext();
        var row = Assert.Single(await UsageQueries.SummarizeAsync(db, filter, new UsageGrouping(UsageGroupingKind.Provider), CancellationToken.None));
        var attention = await UsageAttentionQuery.CountAsync(db, filter, CancellationToken.None);
        var reportedOnly = await SpendToDateQuery.CostAsync(db, filter with { PricingStatus = PricingStatus.Reported }, CancellationToken.None);

        Assert.Equal(1.5m + 0.25m + 0.125m + 0.0625m, row.CostUsd);
        Assert.Equal(1.5m, row.CatalogCostUsd);
        Assert.Equal(0.25m, row.TenantPriceCostUsd);
        Assert.Equal(0.125m + 0.0625m, row.ReportedCostUsd);
        Assert.Equal(1.4m + 0.125m + 0.0625m, row.ProviderCostUsd);
        Assert.Equal(2, row.Reported);
        Assert.Equal(1, row.Unpriced);
        Assert.Equal(new UsageAttention(Unpriced: 1, Incomplete: 0, Reported: 2), attention);
        Assert.Equal(0.1875m, reportedOnly);
    }

    private static UsageFilter Filter(UsageSeed seed, SpendPeriod period) => new() { Scope = TenantScope.Of(seed.TenantId), From = period.From, To = period.To };
}
