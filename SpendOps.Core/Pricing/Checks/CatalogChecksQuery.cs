using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// The recorded corrections, and the undecided findings computed now over the global catalog and import prices in
/// force or scheduled (a few thousand rows, checked in memory; nothing to keep in sync when rules change).
/// </summary>
internal static class CatalogChecksQuery
{
    public static async Task<CatalogChecksReport> RunAsync(SpendOpsDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var corrections = (await db.PriceCorrections.AsNoTracking().Include(c => c.Price).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Provider).ThenBy(c => c.ModelKey, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.ServiceTier).ThenBy(c => c.Id)
            .ToList();
        var global = await db.ModelPrices.AsNoTracking().Where(p => p.TenantId == null).ToListAsync(cancellationToken);
        var undecided = CurrentPrices.Of(global, now)
            .Where(p => p.Source != PriceSource.Manual)
            .SelectMany(p => CatalogCheck.Check(p).Undecided.Select(f => new UndecidedPrice(p, f)))
            .OrderBy(u => u.Price.Provider).ThenBy(u => u.Price.ModelKey, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Price.ServiceTier).ThenBy(u => u.Price.EffectiveFrom)
            .ToList();
        return new CatalogChecksReport(corrections, undecided);
    }
}
