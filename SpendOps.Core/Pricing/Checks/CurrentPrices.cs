namespace SpendOps.Core.Pricing.Checks;

/// <summary>The price rows that still decide prices: for each identity, the version in force and those scheduled.</summary>
internal static class CurrentPrices
{
    /// <summary>
    /// Of two rows with the same identity and <see cref="ModelPrice.EffectiveFrom"/>, only the later one (higher Id)
    /// counts, as in <see cref="PriceResolver"/>.
    /// </summary>
    public static IEnumerable<ModelPrice> Of(IEnumerable<ModelPrice> rows, DateTimeOffset now) =>
        rows.GroupBy(PriceIdentity.Of).SelectMany(identity =>
        {
            var versions = identity.GroupBy(p => p.EffectiveFrom).Select(sameDate => sameDate.MaxBy(p => p.Id)!).ToList();
            var inForce = versions.Where(p => p.EffectiveFrom <= now).MaxBy(p => p.EffectiveFrom);
            var scheduled = versions.Where(p => p.EffectiveFrom > now);
            return inForce is null ? scheduled : scheduled.Prepend(inForce);
        });
}
