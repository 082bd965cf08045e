using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing.Checks;

namespace SpendOps.Core.Pricing;

/// <summary>
/// Adds a LiteLLM-format catalog to the price table. Idempotent: a price equal to the last one imported for
/// the same model adds nothing; a changed price adds a new row effective from the import (or the given
/// date), so calls before it keep their old price; a model's first price applies from
/// <see cref="FirstPriceEffectiveFrom"/>. Catalog keys keep their LiteLLM names. Rates that break a provider's
/// exact rule (<see cref="CatalogRules"/>) are stored corrected, each correction recorded as a <see cref="PriceCorrection"/>.
/// </summary>
public sealed class CatalogImporter(SpendOpsDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The effective date of the first price a model ever gets: earlier than any call, so calls recorded while
    /// the model was unknown (unpriced) are priced as soon as it is known.
    /// </summary>
    public static readonly DateTimeOffset FirstPriceEffectiveFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<CatalogImportResult> ImportAsync(Stream json, PriceSource source, string actor, CancellationToken cancellationToken, DateTimeOffset? effectiveFrom = null)
    {
        var catalog = await LiteLlmCatalogReader.ReadAsync(json, cancellationToken);
        return await ImportAsync(catalog, source, actor, cancellationToken, effectiveFrom);
    }

    internal async Task<CatalogImportResult> ImportAsync(CatalogReadResult catalog, PriceSource source, string actor, CancellationToken cancellationToken, DateTimeOffset? effectiveFrom = null)
    {
        var now = clock.GetUtcNow();
        var existing = await db.ModelPrices.AsNoTracking().Where(p => p.TenantId == null).ToListAsync(cancellationToken);
        var known = existing.Select(PriceIdentity.Of).ToHashSet();
        // Compared with the last *imported* version, not the one in force: a manual correction made after an
        // import must not be undone by importing the same catalog again.
        var lastImported = existing
            .Where(p => p.Source != PriceSource.Manual)
            .GroupBy(PriceIdentity.Of)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Id).First());

        int added = 0, unchanged = 0, corrected = 0;
        var seen = new HashSet<PriceIdentity>();
        foreach (var price in catalog.Prices)
        {
            PriceRates.Round(price);
            var check = CatalogCheck.Apply(price);
            var identity = PriceIdentity.Of(price);
            if (!seen.Add(identity) || (lastImported.TryGetValue(identity, out var previous) && PriceRates.Equal(previous, price)))
            {
                unchanged++;
                continue;
            }
            price.Id = 0;
            price.TenantId = null;
            price.EffectiveFrom = known.Contains(identity) ? effectiveFrom?.ToUniversalTime() ?? now : FirstPriceEffectiveFrom;
            price.Source = source;
            price.CreatedBy = actor;
            price.CreatedAt = now;
            db.ModelPrices.Add(price);
            foreach (var correction in check.Corrections)
                db.PriceCorrections.Add(PriceCorrection.Of(price, correction, replacedPriceId: null, now));
            added++;
            corrected += check.Corrections.Count;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CatalogImportResult(added, unchanged, catalog.Skipped, corrected);
    }
}
