namespace SpendOps.Core.Usage;

/// <summary>Totals of one group of usage records. <see cref="Key"/> is null for records without the grouped value.</summary>
public sealed record UsageSummaryRow(
    string? Key,
    int Requests,
    long InputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long OutputTokens,
    long ReasoningTokens,
    decimal CostUsd,
    decimal ProviderCostUsd,
    int Unpriced,
    int Incomplete)
{
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
