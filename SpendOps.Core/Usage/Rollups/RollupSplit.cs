using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// How a filter's period divides between rollups and raw records: the whole UTC hours [<see cref="From"/>,
/// <see cref="To"/>) that are rolled up and clean (no <see cref="RollupDirtyHour"/>) are read from the rollups, and
/// <see cref="RawRecords"/> are the filter's records outside them (the ragged edges of the period, the hours changed
/// since the last rollup run). Within them, whole UTC days with no marked hour may come from the daily rollups
/// (<see cref="UsageDailyRollup"/>) and the hourly rollups then cover the rest. Used by <see cref="UsageFacts"/> and <see cref="UsageDimensionNamesQuery"/>.
/// </summary>
internal sealed class RollupSplit
{
    // Bounds for open periods: whatever lies outside them is read raw as an edge of the period.
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SpendOpsDbContext db;
    private readonly TenantScope scope;

    // Whole UTC days [dayFrom, dayTo) read from the daily rollups but for the dirty ones; empty when days are not used.
    private readonly DateTimeOffset dayFrom;
    private readonly DateTimeOffset dayTo;
    private readonly List<DateTimeOffset> dirtyDays;

    private RollupSplit(SpendOpsDbContext db, TenantScope scope, DateTimeOffset from, DateTimeOffset to, IQueryable<UsageRecord> rawRecords,
        DateTimeOffset dayFrom, DateTimeOffset dayTo, List<DateTimeOffset> dirtyDays)
    {
        this.db = db;
        this.scope = scope;
        From = from;
        To = to;
        RawRecords = rawRecords;
        this.dayFrom = dayFrom;
        this.dayTo = dayTo;
        this.dirtyDays = dirtyDays;
    }

    /// <summary>
    /// A period with more days that have marked hours than this (a re-rate of a month) reads hourly rollups only: each
    /// such day is one more UNION branch of the hourly part.
    /// </summary>
    private const int MaxDirtyDays = 8;

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
    /// hour of it can come from rollups (a period shorter than an hour, rollups never built). With
    /// <paramref name="withDays"/> (the caller neither needs the key nor times finer than UTC days), the whole clean UTC
    /// days inside come from the daily rollups.
    /// </summary>
    public static async Task<RollupSplit?> CreateAsync(
        SpendOpsDbContext db, UsageFilter filter, IQueryable<UsageRecord> records, bool withDays, CancellationToken cancellationToken)
    {
        var wholeFrom = filter.From is { } from ? RollupHours.Ceiling(from) : Earliest;
        var wholeTo = filter.To is { } to ? RollupHours.Floor(to) : Latest;
        if (wholeFrom >= wholeTo)
            return null;
        if (!db.RollupsSeenComplete)
        {
            var state = await db.RollupStates.AsNoTracking().Select(s => new { s.DaysBuiltAt }).FirstOrDefaultAsync(cancellationToken);
            if (state is null)
                return null;
            db.RollupsSeenComplete = state.DaysBuiltAt is not null;
        }
        var (dayFrom, dayTo) = (RollupHours.CeilingDay(wholeFrom), RollupHours.FloorDay(wholeTo));
        var useDays = withDays && filter.ApiKeyId is null && filter.ApiKeyIds is null && db.RollupsSeenComplete && dayFrom < dayTo;
        List<DateTimeOffset> dirtyDays = [];
        if (useDays)
        {
            var (first, last) = (dayFrom, dayTo);
            dirtyDays = (await db.RollupDirtyHours.AsNoTracking().InScope(filter.Scope).Where(m => m.Hour >= first && m.Hour < last)
                    .Select(m => m.Hour).Distinct().ToListAsync(cancellationToken))
                .Select(RollupHours.FloorDay).Distinct().Order().ToList();
        }
        if (!useDays || dirtyDays.Count > MaxDirtyDays)
            (dayFrom, dayTo, dirtyDays) = (wholeFrom, wholeFrom, []);

        var edges = records.Where(r => r.Timestamp < wholeFrom || r.Timestamp >= wholeTo);
        // Distinct hours (an hour is marked once per change) joined to the (tenant, timestamp) index of the records.
        var dirty = db.RollupDirtyHours.Where(m => m.Hour >= wholeFrom && m.Hour < wholeTo).InScope(filter.Scope);
        var inDirtyHours = dirty.Select(m => new { m.TenantId, m.Hour, m.HourEnd }).Distinct()
            .Join(records, m => m.TenantId, r => r.TenantId, (m, r) => new { m.Hour, m.HourEnd, Record = r })
            .Where(x => x.Record.Timestamp >= x.Hour && x.Record.Timestamp < x.HourEnd)
            .Select(x => x.Record);
        return new RollupSplit(db, filter.Scope, wholeFrom, wholeTo, edges.Concat(inDirtyHours), dayFrom, dayTo, dirtyDays);
    }

    /// <summary>The hourly rollups of the clean whole hours outside the days the daily rollups give.</summary>
    public IQueryable<UsageHourlyRollup> HourlyRollups() => OutsideDays(Clean(db.UsageHourlyRollups.AsNoTracking().InScope(scope)));

    /// <summary>The daily rollups of the whole clean UTC days (none unless the split was made with days).</summary>
    public IQueryable<UsageDailyRollup> DailyRollups() => CleanDays(db.UsageDailyRollups.AsNoTracking().InScope(scope));

    /// <summary>
    /// The dimension rollups of the clean whole hours outside the days the daily rollups give: of one dimension, or of
    /// every one (<paramref name="name"/> null).
    /// </summary>
    public IQueryable<UsageDimensionRollup> DimensionRollups(string? name)
    {
        var rollups = db.UsageDimensionRollups.AsNoTracking().InScope(scope);
        return OutsideDays(Clean(name is null ? rollups : rollups.Where(u => u.DimensionName == name)));
    }

    /// <summary>The daily dimension rollups of the whole clean UTC days: of one dimension, or of every one (<paramref name="name"/> null).</summary>
    public IQueryable<UsageDailyDimensionRollup> DailyDimensionRollups(string? name)
    {
        var rollups = db.UsageDailyDimensionRollups.AsNoTracking().InScope(scope);
        return CleanDays(name is null ? rollups : rollups.Where(u => u.DimensionName == name));
    }

    /// <summary>Rollups of hours with no mark; a retained hour's count even while a late record is pending, since it has no records left to read instead.</summary>
    private IQueryable<TRollup> Clean<TRollup>(IQueryable<TRollup> rollups) where TRollup : UsageRollupKeys =>
        rollups.Where(u => !db.RollupDirtyHours.Any(m => m.TenantId == u.TenantId && m.Hour == u.Hour)
            || db.RollupRetainedHours.Any(h => h.TenantId == u.TenantId && h.Hour == u.Hour));

    /// <summary>The rollups of [From, To) but for the clean days the daily rollups give; dirty days' hours as one more UNION branch each.</summary>
    private IQueryable<TRollup> OutsideDays<TRollup>(IQueryable<TRollup> clean) where TRollup : UsageRollupKeys
    {
        var (from, to, daysFrom, daysTo) = (From, To, dayFrom, dayTo);
        var hours = daysFrom == daysTo
            ? clean.Where(u => u.Hour >= from && u.Hour < to)
            : clean.Where(u => (u.Hour >= from && u.Hour < daysFrom) || (u.Hour >= daysTo && u.Hour < to));
        foreach (var day in dirtyDays)
        {
            var end = day.AddDays(1);
            hours = hours.Concat(clean.Where(u => u.Hour >= day && u.Hour < end));
        }
        return hours;
    }

    private IQueryable<TRollup> CleanDays<TRollup>(IQueryable<TRollup> daily) where TRollup : UsageRollupKeys
    {
        var (daysFrom, daysTo, dirty) = (dayFrom, dayTo, dirtyDays);
        var days = daily.Where(u => u.Hour >= daysFrom && u.Hour < daysTo);
        return dirty.Count == 0 ? days : days.Where(u => !dirty.Contains(u.Hour));
    }

    /// <summary>The filter's conditions on the keys a rollup keeps (period, tenants and dimensions are applied before).</summary>
    public static IQueryable<TRollup> WhereKeys<TRollup>(IQueryable<TRollup> rollups, UsageFilter filter) where TRollup : UsageRollupKeys
    {
        if (filter.ApiKeyId is { } key)
            rollups = rollups.Where(u => u.ApiKeyId == key);
        if (filter.ApiKeyIds is { } keys)
            rollups = rollups.Where(u => u.ApiKeyId != null && keys.Contains(u.ApiKeyId));
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
