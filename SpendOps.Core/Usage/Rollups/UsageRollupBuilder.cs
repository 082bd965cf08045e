using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// Brings the rollups up to date: marks every hour that had records before rollups existed (once), then rebuilds each
/// marked hour in one transaction (delete its marks, delete its rollups, sum its records again), so running it twice, or
/// after a crash, gives the same rollups. An hour whose records retention deleted is never summed again: its late
/// records are added to its rollups and deleted (<see cref="RollupRetainedHour"/>).
/// </summary>
public sealed class UsageRollupBuilder(IDbContextFactory<SpendOpsDbContext> contexts, TimeProvider clock)
{
    /// <summary>Hours rebuilt per run at most; the rest wait for the next run (and are read raw meanwhile).</summary>
    public const int MaxHoursPerRun = 20_000;

    private const int BackfillPage = 50_000;

    public async Task<UsageRollupResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var backfilled = await BackfillAsync(db, cancellationToken);
        var done = new HashSet<(Guid, DateTimeOffset)>();
        int rebuilt = 0, merged = 0;
        var hoursLeft = true;
        while (done.Count < MaxHoursPerRun)
        {
            // Each hour once per run: the current hour is marked again all the time and waits for the next run.
            var hours = (await db.RollupDirtyHours.AsNoTracking().Select(m => new { m.TenantId, m.Hour }).Distinct()
                    .OrderBy(m => m.Hour).Take(done.Count + 500).ToListAsync(cancellationToken))
                .Select(h => (h.TenantId, h.Hour)).Where(h => !done.Contains(h)).ToList();
            if (hours.Count == 0)
            {
                hoursLeft = false;
                break;
            }
            foreach (var (tenant, hour) in hours)
            {
                if (await RebuildHourAsync(db, tenant, hour, cancellationToken))
                    merged++;
                else
                    rebuilt++;
                done.Add((tenant, hour));
            }
        }
        return new UsageRollupResult(backfilled, rebuilt, merged, hoursLeft);
    }

    /// <summary>Rebuilds one tenant's hour; true when the hour was retained and its late records were merged instead.</summary>
    public async Task<bool> RebuildHourAsync(SpendOpsDbContext db, Guid tenantId, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var end = hour.AddHours(1);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Marks first: a mark committed after this statement belongs to records this rebuild may not see, and stays.
        await db.RollupDirtyHours.Where(m => m.TenantId == tenantId && m.Hour == hour).ExecuteDeleteAsync(cancellationToken);
        var records = db.UsageRecords.AsNoTracking().Where(r => r.TenantId == tenantId && r.Timestamp >= hour && r.Timestamp < end);
        var hourly = await RollupAggregates.HourlyAsync(records.Where(r => !r.Superseded), tenantId, hour, cancellationToken);
        var dimensions = await RollupAggregates.DimensionsAsync(records.Where(r => !r.Superseded), db.UsageDimensions, tenantId, hour, cancellationToken);
        var retained = await db.RollupRetainedHours.AnyAsync(h => h.TenantId == tenantId && h.Hour == hour, cancellationToken);
        if (retained)
        {
            RollupAggregates.MergeInto(await db.UsageHourlyRollups.Where(u => u.TenantId == tenantId && u.Hour == hour).ToListAsync(cancellationToken), hourly, db.UsageHourlyRollups);
            RollupAggregates.MergeInto(await db.UsageDimensionRollups.Where(u => u.TenantId == tenantId && u.Hour == hour).ToListAsync(cancellationToken), dimensions, db.UsageDimensionRollups);
            await UsageRecordRetention.DeleteRecordsAsync(db, tenantId, hour, cancellationToken);
        }
        else
        {
            await db.UsageHourlyRollups.Where(u => u.TenantId == tenantId && u.Hour == hour).ExecuteDeleteAsync(cancellationToken);
            await db.UsageDimensionRollups.Where(u => u.TenantId == tenantId && u.Hour == hour).ExecuteDeleteAsync(cancellationToken);
            db.UsageHourlyRollups.AddRange(hourly);
            db.UsageDimensionRollups.AddRange(dimensions);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return retained;
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
        db.RollupStates.Add(new RollupState { BackfilledAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}
