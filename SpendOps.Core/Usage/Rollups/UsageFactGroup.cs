namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// One row of <see cref="UsageFactTotals"/>: the sums of the facts with the same key values (<see cref="K0"/> to
/// <see cref="K3"/>, unused ones null) and the same attributes a view's partial totals depend on (source, where the
/// cost came from, pricing status, completeness). A view folds the rows of a key into its totals in memory; a class with
/// settable members so EF can project into it.
/// </summary>
public sealed class UsageFactGroup
{
    public string? K0 { get; set; }
    public string? K1 { get; set; }
    public string? K2 { get; set; }
    public string? K3 { get; set; }
    public UsageSource Source { get; set; }
    public CostSource? CostSource { get; set; }
    public bool HasProviderCost { get; set; }
    public PricingStatus PricingStatus { get; set; }
    public bool UsageComplete { get; set; }

    /// <summary>Dimension rollup rows, whose calls the rollups without a dimension count too (see <see cref="UsageFact.AlsoCountedWithoutValue"/>).</summary>
    public bool AlsoCountedWithoutValue { get; set; }

    public long Calls { get; set; }
    public long InputTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long OutputTokens { get; set; }
    public long ReasoningTokens { get; set; }
    public decimal CostUsd { get; set; }
    public decimal ProviderCostUsd { get; set; }

    /// <summary>Whether the calls were priced by a price (the catalog's or the tenant's), not reported by the source.</summary>
    public bool Calculated => CostSource is Usage.CostSource.Catalog or Usage.CostSource.TenantPrice;

    /// <summary>Whether the calls have no cost (yet).</summary>
    public bool Unpriced => PricingStatus is PricingStatus.Unpriced or PricingStatus.Pending;

    /// <summary>The same calls with every sum negated and the dimension's slots emptied: taken back out of the group without the value.</summary>
    internal UsageFactGroup NegatedWithoutValue(IReadOnlyList<bool> dimensionSlots) => new()
    {
        K0 = dimensionSlots.ElementAtOrDefault(0) ? null : K0,
        K1 = dimensionSlots.ElementAtOrDefault(1) ? null : K1,
        K2 = dimensionSlots.ElementAtOrDefault(2) ? null : K2,
        K3 = dimensionSlots.ElementAtOrDefault(3) ? null : K3,
        Source = Source,
        CostSource = CostSource,
        HasProviderCost = HasProviderCost,
        PricingStatus = PricingStatus,
        UsageComplete = UsageComplete,
        Calls = -Calls,
        InputTokens = -InputTokens,
        CacheReadTokens = -CacheReadTokens,
        CacheWriteTokens = -CacheWriteTokens,
        OutputTokens = -OutputTokens,
        ReasoningTokens = -ReasoningTokens,
        CostUsd = -CostUsd,
        ProviderCostUsd = -ProviderCostUsd,
    };
}
