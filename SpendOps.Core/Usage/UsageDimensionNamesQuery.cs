using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>The dimension names seen on the records of a filter (for grouping and filter pickers).</summary>
public static class UsageDimensionNamesQuery
{
    public const int MaxNames = 200;

    public static async Task<IReadOnlyList<string>> GetAsync(SpendOpsDbContext db, UsageFilter filter, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        return await db.UsageDimensions.AsNoTracking()
            .Where(d => records.Any(r => r.Id == d.UsageRecordId))
            .Select(d => d.Name).Distinct().OrderBy(n => n).Take(MaxNames)
            .ToListAsync(cancellationToken);
    }
}
