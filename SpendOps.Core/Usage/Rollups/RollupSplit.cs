using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// How a filter's period divides between rollups and raw records: the whole UTC hours [<see cref="From"/>,
/// <see cref="To"/>) that are rolled up and clean (no <see cref="RollupDirtyHour"/>) are read from the rollups, and
/// <see cref="RawRecords"/> are the filter's records outside them (the ragged edges of the period, the hours changed
/// since the last rollup run). Used by <see cref="UsageFacts"/> and <see cref="UsageDimensionNamesQuery"/>.
/// </summary>
internal sealed class RollupSplit
{
    // Bounds for open periods: whatever lies outside them is read raw as an edge of the period.
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SpendOpsDbContext db;
    private readonly TenantScope scope;

    private RollupSplit(SpendOpsDbContext db, TenantScope scope, DateTimeOffset from, DateTimeOffset to, IQueryable<UsageRecord> rawRecords)
    {
        this.db = db;
        this.scope = scope;
        From = from;
        To = to;
        RawRecords = rawRecords;
    }

    public DateTimeOffset From { get; }
    public DateTimeOffset To { get; }
    public IQueryable<UsageRecord> RawRecords { get; }

    /// <summary>
    /// False for filters rollups cannot answer exactly: superseded records shown, or a status class (rollups keep
    /// neither the superseded flag nor the status).
    /// </summary>
    public static bool CanAnswer(UsageFilter filter) => !filter.IncludeSuperseded && filter.StatusClass is null;

    /// <summary>
    /// The split of <paramref name="records"/> (the filter's records) over the filter's period, or null when no whole
    /// hour of it can come from rollups (a period shorter than an hour, rollups never built).
    /// </summary>
    public static async Task<RollupSplit?> CreateAsync(
        SpendOpsDbContext db, UsageFilter filter, IQueryable<UsageRecord> records, CancellationToken cancellationToken)
    {
        var wholeFrom = filter.From is { } from ? RollupHours.Ceiling(from) : Earliest;
        var wholeTo = filter.To is { } to ? RollupHours.Floor(to) : Latest;
        if (wholeFrom >= wholeTo || !await db.RollupStates.AnyAsync(cancellationToken))
            return null;

        var edges = records.Where(r => r.Timestamp < wholeFrom || r.Timestamp >= wholeTo);
        // Distinct hours (an hour is marked once per change) joined to the (tenant, timestamp) index of the records.
        var dirty = db.RollupDirtyHours.Where(m => m.Hour >= wholeFrom && m.Hour < wholeTo).InScope(filter.Scope);
        var inDirtyHours = dirty.Select(m => new { m.TenantId, m.Hour, m.HourEnd }).Distinct()
            .Join(records, m => m.TenantId, r => r.TenantId, (m, r) => new { m.Hour, m.HourEnd, Record = r })
            .Where(x => x.Record.Timestamp >= x.Hour && x.Record.Timestamp < x.HourEnd)
            .Select(x => x.Record);
        return new RollupSplit(db, filter.Scope, wholeFrom, wholeTo, edges.Concat(inDirtyHours));
    }

    /// <summary>The hourly rollups of the clean whole hours.</summary>
    public IQueryable<UsageHourlyRollup> HourlyRollups()
    {
        var rollups = db.UsageHourlyRollups.AsNoTracking().InScope(scope).Where(u => u.Hour >= From && u.Hour < To);
        // A retained hour has no records left to read instead, so its rollups count even while a late record is pending.
        return rollups.Where(u => !db.RollupDirtyHours.Any(m => m.TenantId == u.TenantId && m.Hour == u.Hour)
            || db.RollupRetainedHours.Any(h => h.TenantId == u.TenantId && h.Hour == u.Hour));
    }

    /// <summary>The dimension rollups of the clean whole hours: of one dimension, or of every one (<paramref name="name"/> null).</summary>
    public IQueryable<UsageDimensionRollup> DimensionRollups(string? name)
    {
        var rollups = db.UsageDimensionRollups.AsNoTracking().InScope(scope).Where(u => u.Hour >= From && u.Hour < To);
        if (name is not null)
            rollups = rollups.Where(u => u.DimensionName == name);
        return rollups.Where(u => !db.RollupDirtyHours.Any(m => m.TenantId == u.TenantId && m.Hour == u.Hour)
            || db.RollupRetainedHours.Any(h => h.TenantId == u.TenantId && h.Hour == u.Hour));
    }

    /// <summary>The filter's conditions on the keys a rollup keeps (period, tenants and dimensions are applied before).</summary>
    public static IQueryable<TRollup> WhereKeys<TRollup>(IQueryable<TRollup> rollups, UsageFilter filter) where TRollup : UsageRollupKeys
    {
        if (filter.ApiKeyId is { } key)
            rollups = rollups.Where(u => u.ApiKeyId == key);
        if (filter.Provider is { } provider)
            rollups = rollups.Where(u => u.Provider == provider);
        if (filter.Model is { } model)
            rollups = rollups.Where(u => (u.ModelReported ?? u.ModelRequested) == model || u.ModelRequested == model);
        if (filter.Source is { } source)
            rollups = rollups.Where(u => u.Source == source);
        if (filter.Estimated is { } estimated)
            rollups = rollups.Where(u => u.Estimated == estimated);
        if (filter.PricingStatus is { } status)
            rollups = rollups.Where(u => u.PricingStatus == status);
        if (filter.Unpriced is { } unpriced)
            rollups = rollups.Where(u => (u.PricingStatus == PricingStatus.Unpriced || u.PricingStatus == PricingStatus.Pending) == unpriced);
        if (filter.UsageComplete is { } complete)
            rollups = rollups.Where(u => u.UsageComplete == complete);
        return rollups;
    }
}
