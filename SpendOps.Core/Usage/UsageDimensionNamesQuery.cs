using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Usage;

/// <summary>
/// The dimension names seen on the records of a filter (for grouping and filter pickers): from the dimension rollups
/// of the clean whole hours and the raw dimensions of the rest (<see cref="RollupSplit"/>), as every total is summed.
/// Filters rollups cannot answer (superseded records shown, a status class, a dimension filter, since a rollup row
/// knows one dimension of its calls) read the raw dimensions only.
/// </summary>
public static class UsageDimensionNamesQuery
{
    public const int MaxNames = 200;

    public static async Task<IReadOnlyList<string>> GetAsync(SpendOpsDbContext db, UsageFilter filter, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        var canUseRollups = RollupSplit.CanAnswer(filter) && filter.Dims is not { Count: > 0 };
        if (!canUseRollups || await RollupSplit.CreateAsync(db, filter, records, withDays: true, cancellationToken) is not { } split)
            return await NamesOn(db, records).Distinct().OrderBy(n => n).Take(MaxNames).ToListAsync(cancellationToken);

        var fromHours = RollupSplit.WhereKeys(split.DimensionRollups(name: null), filter).Select(u => u.DimensionName);
        var fromDays = RollupSplit.WhereKeys(split.DailyDimensionRollups(name: null), filter).Select(u => u.DimensionName);
        return await fromHours.Union(fromDays).Union(NamesOn(db, split.RawRecords)).OrderBy(n => n).Take(MaxNames).ToListAsync(cancellationToken);
    }

    /// <remarks>
    /// A join from the records, not "dimensions whose record is in the set": SQLite plans that EXISTS as a scan of every
    /// dimension row in name order (6 to 9 s at 1M records), the join as a range of the (tenant, timestamp) index of the
    /// records and a primary-key lookup of their dimensions.
    /// </remarks>
    private static IQueryable<string> NamesOn(SpendOpsDbContext db, IQueryable<UsageRecord> records) =>
        records.Join(db.UsageDimensions.AsNoTracking(), r => r.Id, d => d.UsageRecordId, (r, d) => d.Name);
}
