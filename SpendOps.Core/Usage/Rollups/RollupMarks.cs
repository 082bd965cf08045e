using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// Marks the hours whose records a unit of work changes, so the rollup job rebuilds them and queries read them raw until
/// it has. Called by <see cref="SpendOpsDbContext"/> before every save, so no code path that adds, re-prices, supersedes
/// or deletes records through EF can forget it; bulk statements mark their hours themselves.
/// </summary>
internal static class RollupMarks
{
    public static void AddForChangedUsage(SpendOpsDbContext db)
    {
        // Entries() detects changes first (unless the caller switched that off and keeps states itself).
        HashSet<(Guid, DateTimeOffset)>? hours = null;
        foreach (var entry in db.ChangeTracker.Entries<UsageRecord>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            hours ??= [];
            hours.Add((entry.Entity.TenantId, RollupHours.Floor(entry.Entity.Timestamp)));
            if (entry.State == EntityState.Modified)
                hours.Add((Original<Guid>(entry, nameof(UsageRecord.TenantId)), RollupHours.Floor(Original<DateTimeOffset>(entry, nameof(UsageRecord.Timestamp)))));
        }
        if (hours is null)
            return;
        foreach (var (tenant, hour) in hours)
            db.RollupDirtyHours.Add(RollupDirtyHour.For(tenant, hour));
    }

    /// <summary>The marks for a set of records: one per tenant and hour.</summary>
    public static IEnumerable<RollupDirtyHour> For(IEnumerable<(Guid TenantId, DateTimeOffset Timestamp)> records) =>
        records.Select(r => (r.TenantId, Hour: RollupHours.Floor(r.Timestamp))).Distinct().Select(h => RollupDirtyHour.For(h.TenantId, h.Hour));

    private static T Original<T>(EntityEntry<UsageRecord> entry, string property) => (T)entry.Property(property).OriginalValue!;
}
