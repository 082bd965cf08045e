using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// Brings the rollups up to date: marks every hour that had records before rollups existed (once), then rebuilds the
/// marked hours, a run of one tenant's hours per transaction (delete their marks, delete their rollups, sum their
/// records again; on SQLite the records are summed just before the transaction, and an hour marked only by usage writer
/// batches gets those batches' records added instead), so running it twice, or after a crash, gives the same rollups.
/// An hour whose records retention deleted is never summed again: its late records are added to its rollups and deleted
/// (<see cref="RollupRetainedHour"/>).
/// </summary>
public sealed class UsageRollupBuilder(IDbContextFactory<SpendOpsDbContext> contexts, TimeProvider clock, int maxRecordsPerSpan = UsageRollupBuilder.DefaultMaxRecordsPerSpan)
{
    /// <summary>Hours rebuilt per run at most; the rest wait for the next run (and are read raw meanwhile).</summary>
    public const int MaxHoursPerRun = 100_000;

    /// <summary>
    /// A run stops after this long and leaves the rest for the next: well inside the 5-minute schedule and the
    /// 10 minutes after which Hangfire's PostgreSQL storage takes a held job lock for dead and lets a second run in.
    /// </summary>
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Records one span reads at most (a span of several hours with more is split): bounds how long its transaction runs.
    /// Also the records read at a time (<see cref="RollupSpanSums"/>), which bounds the memory of a rebuild, even of one
    /// hour with millions of calls.
    /// </summary>
    public const int DefaultMaxRecordsPerSpan = 10_000;

    private const int BackfillPage = 50_000;
    private const int HoursPerFetch = 5_000;

    public async Task<UsageRollupResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var backfilled = await BackfillAsync(db, cancellationToken);
        await BackfillDaysAsync(db, cancellationToken);
        var done = new HashSet<(Guid, DateTimeOffset)>();
        int rebuilt = 0, merged = 0;
        var hoursLeft = true;
        // Oldest first, a page at a time from the page's last hour on (a page may end part-way through an hour's tenants).
        // Each hour once per run: the current hour is marked again all the time and waits for the next run.
        var cursor = DateTimeOffset.MinValue.ToUniversalTime();
        while (done.Count < MaxHoursPerRun && clock.GetElapsedTime(started) < MaxRunTime)
        {
            var from = cursor;
            var page = await db.RollupDirtyHours.AsNoTracking().Where(m => m.Hour >= from).Select(m => new { m.TenantId, m.Hour }).Distinct()
                .OrderBy(m => m.Hour).Take(HoursPerFetch).ToListAsync(cancellationToken);
            var hours = page.Select(h => (h.TenantId, h.Hour)).Where(h => !done.Contains(h)).ToList();
            if (hours.Count == 0)
            {
                if (page.Count < HoursPerFetch)
                {
                    hoursLeft = false;
                    break;
                }
                // A whole page of one hour's tenants done already: go on after it.
                cursor = page[^1].Hour.AddHours(1);
                continue;
            }
            cursor = page[^1].Hour;
            foreach (var span in RollupHourSpans.Of(hours))
            {
                foreach (var part in await SplitByRecordsAsync(db, span, cancellationToken))
                {
                    var partMerged = await RebuildSpanAsync(db, part.TenantId, part.Hours, cancellationToken);
                    merged += partMerged;
                    rebuilt += part.Hours.Count - partMerged;
                    done.UnionWith(part.Hours.Select(h => (part.TenantId, h)));
                }
                if (clock.GetElapsedTime(started) >= MaxRunTime)
                    break;
            }
        }
        // The rollups just changed in size: queries over them are planned from fresh statistics (PostgreSQL's autovacuum
        // keeps its own).
        if (backfilled || rebuilt + merged > 0)
            await SqliteStatistics.RefreshAsync(db, cancellationToken);
        return new UsageRollupResult(backfilled, rebuilt, merged, hoursLeft);
    }

    /// <summary>
    /// Rebuilds marked hours of one tenant (ascending, close together) from one read of their records; retained hours
    /// among them are merged one by one (<see cref="MergeRetainedHourAsync"/>). Returns how many were retained hours.
    /// Only the marked hours are touched: an unmarked hour between them may be being retained by the retention job.
    /// </summary>
    private async Task<int> RebuildSpanAsync(SpendOpsDbContext db, Guid tenantId, IReadOnlyList<DateTimeOffset> hours, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var (from, to) = (hours[0], hours[^1].AddHours(1));
        HashSet<DateTimeOffset> retained;
        if (db.Database.IsSqlite())
        {
            retained = await ReadFirstThenReplaceAsync(db, tenantId, hours, cancellationToken);
        }
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            retained = await RetainedHoursAsync(db, tenantId, from, to, cancellationToken);
            var rebuilt = hours.Where(h => !retained.Contains(h)).ToList();
            if (rebuilt.Count > 0)
            {
                // Marks first: a mark committed after this statement belongs to records this rebuild may not see, and stays.
                await db.RollupDirtyHours.Where(m => m.TenantId == tenantId && m.Hour >= from && m.Hour < to && rebuilt.Contains(m.Hour)).ExecuteDeleteAsync(cancellationToken);
                var rebuiltSet = rebuilt.ToHashSet();
                var sums = await RollupSpanSums.ReadAsync(db.UsageRecords, db.UsageDimensions, tenantId, from, to, rebuiltSet.Contains, maxRecordsPerSpan, cancellationToken);
                await ReplaceRollupsAsync(db, tenantId, rebuilt, sums, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        foreach (var hour in hours.Where(retained.Contains))
            await MergeRetainedHourAsync(db, tenantId, hour, cancellationToken);
        return retained.Count(hours.Contains);
    }

    /// <summary>
    /// The SQLite rebuild: the records are read before the transaction, which then only swaps the rollups. SQLite has one
    /// writer at a time and the usage writer waits for it: a rebuild that read, in its transaction, an hour of a million
    /// calls (one hour cannot be split) held the write lock for half a minute, and the proxy's queue filled and spilled.
    /// The marks and the records are read in one snapshot (a deferred transaction, which takes no lock in WAL mode), so
    /// they are of the same commits: a batch committed after it is not summed, and its mark (a higher id: SQLite gives
    /// mark ids, AUTOINCREMENT, in commit order) stays for the next run. An hour whose marks all name usage writer
    /// batches is not summed again: only those batches' records are read and added to its rollups, so a busy hour costs
    /// each run its new calls, not all of them. An hour that retention took meanwhile is left alone (its marks too) and
    /// merged by the next run. Returns the retained hours, to be merged by the caller.
    /// </summary>
    private async Task<HashSet<DateTimeOffset>> ReadFirstThenReplaceAsync(SpendOpsDbContext db, Guid tenantId, IReadOnlyList<DateTimeOffset> hours, CancellationToken cancellationToken)
    {
        var (from, to) = (hours[0], hours[^1].AddHours(1));
        await db.Database.OpenConnectionAsync(cancellationToken);
        HashSet<DateTimeOffset> retained;
        long lastMark;
        List<DateTimeOffset> rebuilt, added;
        RollupSpanSums? rebuiltSums = null, addedSums = null;
        try
        {
            await using (var snapshot = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true))
            {
                await db.Database.UseTransactionAsync(snapshot, cancellationToken);
                retained = await RetainedHoursAsync(db, tenantId, from, to, cancellationToken);
                var marks = await db.RollupDirtyHours.AsNoTracking().Where(m => m.TenantId == tenantId && m.Hour >= from && m.Hour < to)
                    .Select(m => new { m.Id, m.Hour, m.FirstRecordId, m.LastRecordId }).ToListAsync(cancellationToken);
                var byHour = marks.Where(m => hours.Contains(m.Hour) && !retained.Contains(m.Hour)).GroupBy(m => m.Hour).ToList();
                if (byHour.Count == 0)
                    return retained;
                lastMark = marks.Max(m => m.Id);
                rebuilt = byHour.Where(h => h.Any(m => m.FirstRecordId is null)).Select(h => h.Key).Order().ToList();
                var batches = byHour.Where(h => h.All(m => m.FirstRecordId is not null))
                    .ToDictionary(h => h.Key, h => new RecordIdRange(h.Min(m => m.FirstRecordId!.Value), h.Max(m => m.LastRecordId!.Value)));
                added = batches.Keys.Order().ToList();
                if (rebuilt.Count > 0)
                {
                    var rebuiltSet = rebuilt.ToHashSet();
                    rebuiltSums = await RollupSpanSums.ReadAsync(db.UsageRecords, db.UsageDimensions, tenantId, rebuilt[0], rebuilt[^1].AddHours(1),
                        rebuiltSet.Contains, maxRecordsPerSpan, cancellationToken);
                }
                if (added.Count > 0)
                    addedSums = await RollupSpanSums.ReadBatchesAsync(db.UsageRecords, db.UsageDimensions, tenantId, batches, maxRecordsPerSpan, cancellationToken);
                await snapshot.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        List<DateTimeOffset> changed = [.. rebuilt, .. added];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if ((await RetainedHoursAsync(db, tenantId, from, to, cancellationToken)).Overlaps(changed))
            return retained;
        await db.RollupDirtyHours.Where(m => m.TenantId == tenantId && m.Hour >= from && m.Hour < to && changed.Contains(m.Hour) && m.Id <= lastMark).ExecuteDeleteAsync(cancellationToken);
        if (rebuiltSums is not null)
            await ReplaceHoursAsync(db, tenantId, rebuilt, rebuiltSums, cancellationToken);
        if (addedSums is not null)
            await AddToHoursAsync(db, tenantId, added, addedSums, cancellationToken);
        await RebuildDaysAsync(db, tenantId, changed.Select(RollupHours.FloorDay), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return retained;
    }

    /// <summary>Adds the sums to the hours' rollups, key by key, in the caller's transaction.</summary>
    private static async Task AddToHoursAsync(SpendOpsDbContext db, Guid tenantId, List<DateTimeOffset> hours, RollupSpanSums sums, CancellationToken cancellationToken)
    {
        var (from, to) = (hours[0], hours[^1].AddHours(1));
        db.ChangeTracker.Clear();
        var hourly = await db.UsageHourlyRollups.Where(u => u.TenantId == tenantId && u.Hour >= from && u.Hour < to && hours.Contains(u.Hour)).ToListAsync(cancellationToken);
        var dimensions = await db.UsageDimensionRollups.Where(u => u.TenantId == tenantId && u.Hour >= from && u.Hour < to && hours.Contains(u.Hour)).ToListAsync(cancellationToken);
        foreach (var hour in hours)
        {
            RollupMerge.MergeInto(hourly.Where(u => u.Hour == hour).ToList(), sums.Hourly.Where(u => u.Hour == hour), db.UsageHourlyRollups);
            RollupMerge.MergeInto(dimensions.Where(u => u.Hour == hour).ToList(), sums.Dimensions.Where(u => u.Hour == hour), db.UsageDimensionRollups);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static async Task<HashSet<DateTimeOffset>> RetainedHoursAsync(SpendOpsDbContext db, Guid tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await db.RollupRetainedHours.AsNoTracking().Where(h => h.TenantId == tenantId && h.Hour >= from && h.Hour < to)
            .Select(h => h.Hour).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The rebuilt hours' rollups (and their days') replaced by the sums, in the caller's transaction.</summary>
    private static async Task ReplaceRollupsAsync(SpendOpsDbContext db, Guid tenantId, List<DateTimeOffset> rebuilt, RollupSpanSums sums, CancellationToken cancellationToken)
    {
        await ReplaceHoursAsync(db, tenantId, rebuilt, sums, cancellationToken);
        await RebuildDaysAsync(db, tenantId, rebuilt.Select(RollupHours.FloorDay), cancellationToken);
    }

    /// <summary>The rebuilt hours' rollups replaced by the sums, in the caller's transaction.</summary>
    private static async Task ReplaceHoursAsync(SpendOpsDbContext db, Guid tenantId, List<DateTimeOffset> rebuilt, RollupSpanSums sums, CancellationToken cancellationToken)
    {
        var (from, to) = (rebuilt[0], rebuilt[^1].AddHours(1));
        // A retained hour's rollups are its only account: never deleted here, whatever was read.
        await db.UsageHourlyRollups.Where(u => u.TenantId == tenantId && u.Hour >= from && u.Hour < to && rebuilt.Contains(u.Hour)
            && !db.RollupRetainedHours.Any(h => h.TenantId == tenantId && h.Hour == u.Hour)).ExecuteDeleteAsync(cancellationToken);
        await db.UsageDimensionRollups.Where(u => u.TenantId == tenantId && u.Hour >= from && u.Hour < to && rebuilt.Contains(u.Hour)
            && !db.RollupRetainedHours.Any(h => h.TenantId == tenantId && h.Hour == u.Hour)).ExecuteDeleteAsync(cancellationToken);
        await RollupBulkWriter.InsertAsync(db, sums.Hourly, sums.Dimensions, cancellationToken);
    }

    /// <summary>The span, or its halves (recursively) while it has more than maxRecordsPerSpan records.</summary>
    private async Task<List<RollupHourSpan>> SplitByRecordsAsync(SpendOpsDbContext db, RollupHourSpan span, CancellationToken cancellationToken)
    {
        var (tenantId, from, to) = (span.TenantId, span.Hours[0], span.Hours[^1].AddHours(1));
        if (span.Hours.Count == 1
            || await db.UsageRecords.Where(r => r.TenantId == tenantId && r.Timestamp >= from && r.Timestamp < to).OrderBy(r => r.Timestamp).Take(maxRecordsPerSpan + 1).CountAsync(cancellationToken) <= maxRecordsPerSpan)
            return [span];
        var half = span.Hours.Count / 2;
        return [
            .. await SplitByRecordsAsync(db, span with { Hours = span.Hours.Take(half).ToList() }, cancellationToken),
            .. await SplitByRecordsAsync(db, span with { Hours = span.Hours.Skip(half).ToList() }, cancellationToken),
        ];
    }

    /// <summary>Adds the late records of a retained hour to its rollups, then deletes them as retention would have.</summary>
    private async Task MergeRetainedHourAsync(SpendOpsDbContext db, Guid tenantId, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Marks first: a mark committed after this statement belongs to records this merge may not see, and stays.
        await db.RollupDirtyHours.Where(m => m.TenantId == tenantId && m.Hour == hour).ExecuteDeleteAsync(cancellationToken);
        var late = await RollupSpanSums.ReadAsync(db.UsageRecords, db.UsageDimensions, tenantId, hour, hour.AddHours(1), _ => true, maxRecordsPerSpan, cancellationToken);
        await AddToHoursAsync(db, tenantId, [hour], late, cancellationToken);
        await UsageRecordRetention.DeleteRecordsAsync(db, tenantId, hour, cancellationToken);
        await RebuildDaysAsync(db, tenantId, [RollupHours.FloorDay(hour)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Sums the tenant's hourly and dimension rollups of each UTC day again without the key (<see cref="UsageDailyRollup"/>,
    /// <see cref="UsageDailyDimensionRollup"/>), in the caller's transaction, so a day's daily rows change with its hours.
    /// </summary>
    private static async Task RebuildDaysAsync(SpendOpsDbContext db, Guid tenantId, IEnumerable<DateTimeOffset> days, CancellationToken cancellationToken)
    {
        foreach (var day in days.Distinct())
        {
            var end = day.AddDays(1);
            await db.UsageDailyRollups.Where(u => u.TenantId == tenantId && u.Hour == day).ExecuteDeleteAsync(cancellationToken);
            await db.UsageDailyDimensionRollups.Where(u => u.TenantId == tenantId && u.Hour == day).ExecuteDeleteAsync(cancellationToken);
            var daily = await db.UsageHourlyRollups.AsNoTracking().Where(u => u.TenantId == tenantId && u.Hour >= day && u.Hour < end)
                .GroupBy(u => new { u.Provider, u.Endpoint, u.ModelRequested, u.ModelReported, u.Source, u.Estimated, u.UsageComplete, u.PricingStatus, u.CostSource, u.HasProviderCost })
                .Select(g => new UsageDailyRollup
                {
                    TenantId = tenantId,
                    Hour = day,
                    Provider = g.Key.Provider,
                    Endpoint = g.Key.Endpoint,
                    ModelRequested = g.Key.ModelRequested,
                    ModelReported = g.Key.ModelReported,
                    Source = g.Key.Source,
                    Estimated = g.Key.Estimated,
                    UsageComplete = g.Key.UsageComplete,
                    PricingStatus = g.Key.PricingStatus,
                    CostSource = g.Key.CostSource,
                    HasProviderCost = g.Key.HasProviderCost,
                    Calls = g.Sum(u => u.Calls),
                    InputTokens = g.Sum(u => u.InputTokens),
                    CacheReadTokens = g.Sum(u => u.CacheReadTokens),
                    CacheWriteTokens = g.Sum(u => u.CacheWriteTokens),
                    OutputTokens = g.Sum(u => u.OutputTokens),
                    ReasoningTokens = g.Sum(u => u.ReasoningTokens),
                    CostUsd = g.Sum(u => u.CostUsd),
                    ProviderCostUsd = g.Sum(u => u.ProviderCostUsd),
                })
                .ToListAsync(cancellationToken);
            var dimensions = await db.UsageDimensionRollups.AsNoTracking().Where(u => u.TenantId == tenantId && u.Hour >= day && u.Hour < end)
                .GroupBy(u => new
                {
                    u.DimensionName, u.DimensionValue, u.Provider, u.Endpoint, u.ModelRequested, u.ModelReported, u.Source, u.Estimated, u.UsageComplete,
                    u.PricingStatus, u.CostSource, u.HasProviderCost,
                })
                .Select(g => new UsageDailyDimensionRollup
                {
                    TenantId = tenantId,
                    Hour = day,
                    DimensionName = g.Key.DimensionName,
                    DimensionValue = g.Key.DimensionValue,
                    Provider = g.Key.Provider,
                    Endpoint = g.Key.Endpoint,
                    ModelRequested = g.Key.ModelRequested,
                    ModelReported = g.Key.ModelReported,
                    Source = g.Key.Source,
                    Estimated = g.Key.Estimated,
                    UsageComplete = g.Key.UsageComplete,
                    PricingStatus = g.Key.PricingStatus,
                    CostSource = g.Key.CostSource,
                    HasProviderCost = g.Key.HasProviderCost,
                    Calls = g.Sum(u => u.Calls),
                    InputTokens = g.Sum(u => u.InputTokens),
                    CacheReadTokens = g.Sum(u => u.CacheReadTokens),
                    CacheWriteTokens = g.Sum(u => u.CacheWriteTokens),
                    OutputTokens = g.Sum(u => u.OutputTokens),
                    ReasoningTokens = g.Sum(u => u.ReasoningTokens),
                    CostUsd = g.Sum(u => u.CostUsd),
                    ProviderCostUsd = g.Sum(u => u.ProviderCostUsd),
                })
                .ToListAsync(cancellationToken);
            await RollupBulkWriter.InsertDailyAsync(db, daily, dimensions, cancellationToken);
        }
    }

    /// <summary>
    /// Once after an upgrade that added daily rollups (or a kind of them): sums every day that has hourly rollups, a
    /// tenant's week per transaction, then records that it did (<see cref="RollupState.DaysBuiltAt"/>, which the
    /// upgrade's migration clears); until then queries read hours only.
    /// </summary>
    private async Task BackfillDaysAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        var state = await db.RollupStates.SingleOrDefaultAsync(cancellationToken);
        if (state is null || state.DaysBuiltAt is not null)
            return;
        var hours = await db.UsageHourlyRollups.AsNoTracking().Select(u => new { u.TenantId, u.Hour }).Distinct().ToListAsync(cancellationToken);
        foreach (var tenant in hours.GroupBy(h => h.TenantId))
        {
            foreach (var week in tenant.Select(h => RollupHours.FloorDay(h.Hour)).Distinct().Order().Chunk(7))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await RebuildDaysAsync(db, tenant.Key, week, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        state.DaysBuiltAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Once: marks every hour with records (read in pages by id) and then records that it did; until then queries read
    /// records only. Records written meanwhile mark their own hours.
    /// </summary>
    private async Task<bool> BackfillAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.RollupStates.AnyAsync(cancellationToken))
            return false;
        var hours = new HashSet<(Guid, DateTimeOffset)>();
        long lastId = 0;
        while (true)
        {
            var page = await db.UsageRecords.AsNoTracking().Where(r => r.Id > lastId).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.TenantId, r.Timestamp }).Take(BackfillPage).ToListAsync(cancellationToken);
            foreach (var record in page)
                hours.Add((record.TenantId, RollupHours.Floor(record.Timestamp)));
            if (page.Count < BackfillPage)
                break;
            lastId = page[^1].Id;
        }
        foreach (var chunk in hours.Chunk(1000))
        {
            db.RollupDirtyHours.AddRange(chunk.Select(h => RollupDirtyHour.For(h.Item1, h.Item2)));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        // No hourly rollups exist yet, so no day is missing its daily rollups: they are built with their hours from here.
        var now = clock.GetUtcNow();
        db.RollupStates.Add(new RollupState { BackfilledAt = now, DaysBuiltAt = now });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}
