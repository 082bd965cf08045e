using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>Counts of unpriced, usage-incomplete and reported-cost records, with the same rules as the summary's columns.</summary>
public static class UsageAttentionQuery
{
    public static async Task<UsageAttention> CountAsync(SpendOpsDbContext db, UsageFilter filter, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        var unpriced = await records.CountAsync(r => r.PricingStatus == PricingStatus.Unpriced || r.PricingStatus == PricingStatus.Pending, cancellationToken);
        var incomplete = await records.CountAsync(r => !r.UsageComplete, cancellationToken);
        var reported = await records.CountAsync(r => r.PricingStatus == PricingStatus.Reported, cancellationToken);
        return new UsageAttention(unpriced, incomplete, reported);
    }
}
