namespace SpendOps.Core.Usage;

/// <summary>
/// Totals of one group of usage records. <see cref="Key"/> is null for records without the grouped value.
/// <see cref="CostUsd"/> is the sum of the costs of record, and splits into <see cref="CatalogCostUsd"/>,
/// <see cref="TenantPriceCostUsd"/> and <see cref="ReportedCostUsd"/> by where each came from;
/// <see cref="ProviderCostUsd"/> is what sources reported for all of the group's calls, beside it for comparison.
/// <see cref="Unpriced"/> records have no cost and are in none of the sums.
/// </summary>
public sealed record UsageSummaryRow(
    string? Key,
    int Requests,
    long InputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long OutputTokens,
    long ReasoningTokens,
    decimal CostUsd,
    decimal CatalogCostUsd,
    decimal TenantPriceCostUsd,
    decimal ReportedCostUsd,
    decimal ProviderCostUsd,
    int Reported,
    int Unpriced,
    int Incomplete)
{
    /// <summary>The non-zero parts of <see cref="CostUsd"/>, named by where they came from: catalog, tenant price, reported.</summary>
    public IReadOnlyList<(string Source, decimal CostUsd)> CostBySource =>
        new (string, decimal)[] { ("catalog", CatalogCostUsd), ("tenant price", TenantPriceCostUsd), ("reported", ReportedCostUsd) }
            .Where(part => part.Item2 != 0)
            .ToList();

    /// <summary>Share of prompt tokens served from the cache: cache reads over all input (uncached + read + written).</summary>
    public double CacheHitRate
    {
        get
        {
            var prompt = InputTokens + CacheReadTokens + CacheWriteTokens;
            return prompt == 0 ? 0 : (double)CacheReadTokens / prompt;
        }
    }
}
