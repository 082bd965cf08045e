using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// The columns an hourly rollup groups by: every key the dashboard, <c>usage summary</c>, budgets and chargeback
/// filter or group on, plus what their counters are conditions on (pricing status, cost source, completeness,
/// whether the source reported a cost), so that each of their sums is a sum of rollup rows.
/// </summary>
public abstract class UsageRollupKeys : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>The UTC hour the calls started in (whole hour).</summary>
    public DateTimeOffset Hour { get; set; }

    public required string Provider { get; set; }
    public required string Endpoint { get; set; }
    public string? ModelRequested { get; set; }
    public string? ModelReported { get; set; }
    public string? ApiKeyId { get; set; }
    public UsageSource Source { get; set; }
    public bool Estimated { get; set; }
    public bool UsageComplete { get; set; }
    public PricingStatus PricingStatus { get; set; }
    public CostSource? CostSource { get; set; }

    /// <summary>True for calls whose source reported a cost (<see cref="UsageRecord.ProviderCostUsd"/> not null).</summary>
    public bool HasProviderCost { get; set; }

    public long Calls { get; set; }
    public long InputTokens { get; set; }
    public long CacheReadTokens { get; set; }

    /// <summary>Both cache write durations, as every view shows them.</summary>
    public long CacheWriteTokens { get; set; }

    public long OutputTokens { get; set; }
    public long ReasoningTokens { get; set; }

    /// <summary>Sum of the cost of record (null costs count as 0, as in every total).</summary>
    public decimal CostUsd { get; set; }

    public decimal ProviderCostUsd { get; set; }
}
