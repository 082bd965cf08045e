using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>
/// The models of records without a price (unpriced, or at a reported cost), most used first: the list an admin works
/// through to add prices.
/// </summary>
internal static class UnpricedModelsQuery
{
    public static async Task<IReadOnlyList<UnpricedModel>> RunAsync(SpendOpsDbContext db, TenantScope scope, CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Where(r => r.PricingStatus == PricingStatus.Unpriced || r.PricingStatus == PricingStatus.Reported)
            .InScope(scope);
        var groups = await records
            .GroupBy(r => new { r.Provider, Model = r.ModelReported ?? r.ModelRequested })
            .Select(g => new { g.Key.Provider, g.Key.Model, Records = g.Count(), Reported = g.Count(r => r.PricingStatus == PricingStatus.Reported), FirstSeen = g.Min(r => r.Timestamp), LastSeen = g.Max(r => r.Timestamp) })
            .ToListAsync(cancellationToken);
        return groups
            .Select(g => new UnpricedModel(g.Provider, g.Model, g.Records, g.FirstSeen, g.LastSeen, g.Reported))
            .OrderByDescending(m => m.Records).ThenBy(m => m.Provider).ThenBy(m => m.Model)
            .ToList();
    }
}
