using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// Deletes per-call usage records (and their dimension rows and cost adjustments) older than
/// <see cref="UsageRetentionOptions.RecordRetentionDays"/>, whole hours at a time and only hours whose rollups are
/// complete and clean; each such hour becomes a <see cref="RollupRetainedHour"/>, so its rollups are kept as they are.
/// Works in transactions of about <see cref="BatchRecords"/> records, oldest first, at most <see cref="MaxBatchesPerRun"/> per run.
/// </summary>
public static class UsageRecordRetention
{
    public const int BatchRecords = 5000;
    public const int MaxBatchesPerRun = 200;

    public static async Task<UsageRetentionResult> PurgeAsync(SpendOpsDbContext db, DateTimeOffset now, int retentionDays, CancellationToken cancellationToken)
    {
        // Until the rollup job has marked the hours of older records, no hour is known to be rolled up.
        if (retentionDays <= 0 || !await db.RollupStates.AnyAsync(cancellationToken))
            return new UsageRetentionResult(0, 0);
        var cutoff = RollupHours.Floor(now.AddDays(-retentionDays));
        var after = DateTimeOffset.MinValue.ToUniversalTime();
        int records = 0, hours = 0;
        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            var from = after;
            var page = await db.UsageRecords.AsNoTracking().Where(r => r.Timestamp >= from && r.Timestamp < cutoff).OrderBy(r => r.Timestamp)
                .Select(r => new { r.TenantId, r.Timestamp }).Take(BatchRecords).ToListAsync(cancellationToken);
            if (page.Count == 0)
                break;
            var candidates = page.Select(r => (r.TenantId, Hour: RollupHours.Floor(r.Timestamp))).Distinct().ToList();
            var (first, last) = (candidates.Min(c => c.Hour), candidates.Max(c => c.Hour));
            var clean = candidates.Except(await DirtyAsync(db, first, last, cancellationToken)).ToList();
            var deleted = clean.Count == 0 ? 0 : await RetainAsync(db, clean, first, last, now, cancellationToken);
            records += deleted;
            hours += deleted > 0 ? clean.Count : 0;
            // Past the last hour when nothing could go (its hours are being rolled up); else again from it, for other
            // tenants' records of that hour the page did not reach.
            after = deleted > 0 ? last : last.AddHours(1);
        }
        return new UsageRetentionResult(records, hours);
    }

    /// <summary>Deletes one tenant's records of one hour and their dimension rows (cost adjustments go with them by cascade).</summary>
    internal static async Task<int> DeleteRecordsAsync(SpendOpsDbContext db, Guid tenantId, DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var end = hour.AddHours(1);
        var records = db.UsageRecords.Where(r => r.TenantId == tenantId && r.Timestamp >= hour && r.Timestamp < end);
        await db.UsageDimensions.Where(d => records.Any(r => r.Id == d.UsageRecordId)).ExecuteDeleteAsync(cancellationToken);
        return await records.ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<int> RetainAsync(SpendOpsDbContext db, List<(Guid TenantId, DateTimeOffset Hour)> clean, DateTimeOffset first, DateTimeOffset last,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var (tenant, hour) in clean)
        {
            deleted += await DeleteRecordsAsync(db, tenant, hour, cancellationToken);
            if (!await db.RollupRetainedHours.AnyAsync(h => h.TenantId == tenant && h.Hour == hour, cancellationToken))
                db.RollupRetainedHours.Add(new RollupRetainedHour { TenantId = tenant, Hour = hour, RetainedAt = now });
        }
        // A record written into one of these hours while this ran marked it: if that happened before the delete, the
        // delete took a record the rollups lack, so nothing is kept; if after, the mark stays and the job merges it.
        if ((await DirtyAsync(db, first, last, cancellationToken)).Intersect(clean).Any())
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return 0;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return deleted;
    }

    private static async Task<HashSet<(Guid TenantId, DateTimeOffset Hour)>> DirtyAsync(SpendOpsDbContext db, DateTimeOffset first, DateTimeOffset last, CancellationToken cancellationToken) =>
        (await db.RollupDirtyHours.AsNoTracking().Where(m => m.Hour >= first && m.Hour <= last).Select(m => new { m.TenantId, m.Hour }).Distinct().ToListAsync(cancellationToken))
            .Select(m => (m.TenantId, m.Hour)).ToHashSet();
}
