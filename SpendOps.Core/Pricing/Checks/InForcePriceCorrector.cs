using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// Brings the global catalog and import prices in force (and scheduled) in line with <see cref="CatalogRules"/>,
/// for rows stored before a rule existed. Rows are never edited, since usage records point at them: a row that
/// breaks an exact rule gets a corrected copy with the same identity and <see cref="ModelPrice.EffectiveFrom"/>,
/// which wins every call the wrong row covered because <see cref="PriceResolver"/> prefers the later Id on equal
/// dates. Records already priced with the wrong row keep their cost until their period is re-rated. Idempotent:
/// once the copy exists, the row in force passes the checks. Manual prices are an administrator's decision and
/// are left alone.
/// </summary>
internal sealed class InForcePriceCorrector(SpendOpsDbContext db, TimeProvider clock)
{
    public async Task<CatalogImportResult> CorrectAsync(string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var global = await db.ModelPrices.AsNoTracking().Where(p => p.TenantId == null).ToListAsync(cancellationToken);
        int rows = 0, rates = 0;
        foreach (var wrong in CurrentPrices.Of(global, now).Where(p => p.Source != PriceSource.Manual))
        {
            var corrected = wrong.CloneAsNew();
            var check = CatalogCheck.Apply(corrected);
            if (check.Corrections.Count == 0)
                continue;
            corrected.CreatedBy = actor;
            corrected.CreatedAt = now;
            db.ModelPrices.Add(corrected);
            foreach (var correction in check.Corrections)
                db.PriceCorrections.Add(PriceCorrection.Of(corrected, correction, wrong.Id, now));
            rows++;
            rates += check.Corrections.Count;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CatalogImportResult(rows, 0, 0, rates);
    }
}
