using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback;

/// <summary>
/// A record reduced to its grouping values and the columns a chargeback sums; a class with settable members so EF
/// translates the projection and the GROUP BY over it.
/// </summary>
internal sealed class ChargebackFact
{
    public string? K0 { get; set; }
    public string? K1 { get; set; }
    public string? K2 { get; set; }
    public string? K3 { get; set; }
    public UsageSource Source { get; set; }
    public decimal? CostUsd { get; set; }
    public CostSource? CostSource { get; set; }
    public decimal? ProviderCostUsd { get; set; }
    public PricingStatus PricingStatus { get; set; }
    public long InputTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long OutputTokens { get; set; }
}
